import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyEnrolment } from '../../../shared/training.ts';
import { currentLocale } from '../../i18n/index.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  Heading2,
  Heading3,
  Link,
  Paragraph,
  StatusMessage,
} from '../../ui/index.ts';
import { TRAINING_QUERY_KEY, trainingApi, trainingFiles } from './api.ts';
import { formatMoment, partText, titleOf, trainingProblem } from './labels.ts';

/** My enrolments: seat or waiting-list place, the calendar file, cancelling, the certificate. */
export function MyEnrolments() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mine = useQuery({
    queryKey: [...TRAINING_QUERY_KEY, 'mine'],
    queryFn: ({ signal }) => trainingApi.myEnrolments(signal),
  });
  const [confirming, setConfirming] = useState<MyEnrolment | null>(null);
  const [done, setDone] = useState('');
  const cancel = useMutation({
    mutationFn: (id: string) => trainingApi.cancel(id),
    onSuccess: () => setDone(t('training.mine.cancelled')),
    onSettled: () => client.invalidateQueries({ queryKey: TRAINING_QUERY_KEY }),
  });
  const enrolments = mine.data ?? [];
  const now = Date.now();
  // Ongoing ones, attended ones (for the certificate), and ended seats of sessions still to come (to take
  // them out of the calendar).
  const active = enrolments.filter(
    (e) =>
      e.status === 'confirmed' ||
      e.status === 'waiting' ||
      e.attended === true ||
      (e.hasCalendar && new Date(e.session.parts[0]?.startsAt ?? 0).getTime() > now),
  );

  return (
    <section aria-labelledby="training-mine">
      <Heading2 id="training-mine">{t('training.mine.heading')}</Heading2>
      {mine.isPending && <Paragraph role="status">{t('training.loading')}</Paragraph>}
      {mine.isError && (
        <Alert type="error">
          <Paragraph>{trainingProblem(t, mine.error)}</Paragraph>
        </Alert>
      )}
      <StatusMessage>{done}</StatusMessage>
      {cancel.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{trainingProblem(t, cancel.error)}</Paragraph>
        </Alert>
      )}
      {mine.data && active.length === 0 && <Paragraph>{t('training.mine.none')}</Paragraph>}
      {active.length > 0 && (
        <ul className="weerbaar-cards" aria-labelledby="training-mine">
          {active.map((enrolment) => (
            <li key={enrolment.id} className="weerbaar-card">
              <Heading3>{titleOf(enrolment.session.offering)}</Heading3>
              <Paragraph>
                <strong>{statusText(t, enrolment)}</strong>
              </Paragraph>
              <dl className="weerbaar-facts">
                <dt>{t('training.session.when')}</dt>
                <dd>
                  <ul className="weerbaar-training__parts">
                    {enrolment.session.parts.map((part) => (
                      <li key={part.startsAt}>{partText(part)}</li>
                    ))}
                  </ul>
                </dd>
                <dt>{t('training.session.where')}</dt>
                <dd>
                  {enrolment.session.venue}, {enrolment.session.city}
                </dd>
                {enrolment.canCancel && enrolment.status === 'confirmed' && (
                  <>
                    <dt>{t('training.session.cancelUntil')}</dt>
                    <dd>{formatMoment(enrolment.session.enrolmentDeadline)}</dd>
                  </>
                )}
              </dl>
              <ButtonGroup>
                {enrolment.hasCalendar && enrolment.status === 'confirmed' && (
                  <Link href={trainingFiles.calendar(enrolment.id)} download className="weerbaar-training__file">
                    {t('training.mine.calendar')}
                  </Link>
                )}
                {enrolment.hasCalendar && enrolment.status !== 'confirmed' && enrolment.attended !== true && (
                  <Link href={trainingFiles.calendar(enrolment.id)} download className="weerbaar-training__file">
                    {t('training.mine.calendarCancel')}
                  </Link>
                )}
                {enrolment.hasCertificate && (
                  <Link
                    href={trainingFiles.certificate(enrolment.id, currentLocale())}
                    download
                    className="weerbaar-training__file"
                  >
                    {t('training.mine.certificate')}
                  </Link>
                )}
                {enrolment.canCancel && (
                  <Button appearance="secondary-action-button" onClick={() => setConfirming(enrolment)}>
                    {enrolment.status === 'waiting' ? t('training.mine.leaveWaitlist') : t('training.mine.cancel')}
                  </Button>
                )}
              </ButtonGroup>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={t('training.mine.confirmTitle')}
        confirmLabel={t('training.mine.confirmYes')}
        cancelLabel={t('training.mine.confirmNo')}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) cancel.mutate(confirming.id);
          setDone('');
          setConfirming(null);
        }}
      >
        <Paragraph>
          {confirming?.status === 'confirmed' ? t('training.mine.confirmSeat') : t('training.mine.confirmWaiting')}
        </Paragraph>
      </ConfirmDialog>
    </section>
  );
}

function statusText(t: (key: string, options?: Record<string, unknown>) => string, enrolment: MyEnrolment): string {
  if (enrolment.attended === true) return t('training.status.attended');
  if (enrolment.status === 'waiting') return t('training.status.waiting', { position: enrolment.waitlistPosition });
  return t(`training.status.${enrolment.status}`);
}
