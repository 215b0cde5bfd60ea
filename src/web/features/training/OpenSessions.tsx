import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenSession } from '../../../shared/training.ts';
import { Alert, Button, Heading2, Heading3, Paragraph, StatusMessage } from '../../ui/index.ts';
import { TRAINING_QUERY_KEY, trainingApi } from './api.ts';
import { descriptionOf, durationText, formatMoment, partText, titleOf, trainingProblem } from './labels.ts';

/** The sessions to come: when, where, seats left, and enrolling (a seat, or the waiting list). */
export function OpenSessions() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: [...TRAINING_QUERY_KEY, 'open'],
    queryFn: ({ signal }) => trainingApi.openSessions(signal),
  });
  const mine = useQuery({
    queryKey: [...TRAINING_QUERY_KEY, 'mine'],
    queryFn: ({ signal }) => trainingApi.myEnrolments(signal),
  });
  const [result, setResult] = useState('');
  const enrol = useMutation({
    mutationFn: (session: OpenSession) => trainingApi.enrol(session.id),
    onSuccess: (enrolment) =>
      setResult(
        enrolment.status === 'confirmed'
          ? t('training.open.enrolled')
          : t('training.open.waiting', { position: enrolment.waitlistPosition }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: TRAINING_QUERY_KEY }),
  });
  const activeOfferings = new Set(
    (mine.data ?? [])
      .filter((e) => e.status === 'confirmed' || e.status === 'waiting')
      .map((e) => e.session.offering.id),
  );
  const list = sessions.data ?? [];

  return (
    <section aria-labelledby="training-open">
      <Heading2 id="training-open">{t('training.open.heading')}</Heading2>
      {sessions.isPending && <Paragraph role="status">{t('training.loading')}</Paragraph>}
      {sessions.isError && (
        <Alert type="error">
          <Paragraph>{trainingProblem(t, sessions.error)}</Paragraph>
        </Alert>
      )}
      <StatusMessage>{result}</StatusMessage>
      {enrol.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{trainingProblem(t, enrol.error)}</Paragraph>
        </Alert>
      )}
      {sessions.data && list.length === 0 && <Paragraph>{t('training.open.none')}</Paragraph>}
      {list.length > 0 && (
        <ul className="weerbaar-cards" aria-labelledby="training-open">
          {list.map((session) => {
            const headingId = `training-session-${session.id}`;
            const already = activeOfferings.has(session.offering.id);
            return (
              <li key={session.id} className="weerbaar-card">
                <Heading3 id={headingId}>
                  {titleOf(session.offering)} · {session.city}
                </Heading3>
                <Paragraph>{descriptionOf(session.offering)}</Paragraph>
                <dl className="weerbaar-facts">
                  <dt>{t('training.session.provider')}</dt>
                  <dd>
                    {session.offering.provider} ({durationText(t, session.offering.durationDays)})
                  </dd>
                  <dt>{t('training.session.when')}</dt>
                  <dd>
                    <ul className="weerbaar-training__parts">
                      {session.parts.map((part) => (
                        <li key={part.startsAt}>{partText(part)}</li>
                      ))}
                    </ul>
                  </dd>
                  <dt>{t('training.session.where')}</dt>
                  <dd>
                    {session.venue}, {session.city}
                  </dd>
                  <dt>{t('training.session.seats')}</dt>
                  <dd>
                    {session.seatsLeft > 0
                      ? t('training.session.seatsLeft', { count: session.seatsLeft, capacity: session.capacity })
                      : t('training.session.full', { count: session.waiting })}
                  </dd>
                  <dt>{t('training.session.deadline')}</dt>
                  <dd>{formatMoment(session.enrolmentDeadline)}</dd>
                </dl>
                {!session.eligible ? (
                  <Paragraph>{t('training.open.notEligible')}</Paragraph>
                ) : !session.enrolmentOpen ? (
                  <Paragraph>{t('training.open.closed')}</Paragraph>
                ) : already ? (
                  <Paragraph>{t('training.open.already')}</Paragraph>
                ) : (
                  <Button
                    appearance="primary-action-button"
                    aria-describedby={headingId}
                    disabled={enrol.isPending}
                    onClick={() => {
                      setResult('');
                      enrol.mutate(session);
                    }}
                  >
                    {session.seatsLeft > 0 && session.waiting === 0
                      ? t('training.open.enrol')
                      : t('training.open.joinWaitlist')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
