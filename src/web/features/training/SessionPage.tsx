import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  Heading1,
  Heading2,
  Paragraph,
  StatusMessage,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TRAINING_QUERY_KEY, trainingApi } from './api.ts';
import { formatMoment, partText, titleOf, trainingProblem } from './labels.ts';
import { Participants } from './Participants.tsx';
import { SessionForm } from './SessionForm.tsx';
import '../account/account.css';
import './training.css';

/** /training/beheer/sessies/:sessionId: one session's facts and counts, changing or cancelling it, its participants. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('training.sessionPage.title'));
  const location = useLocation();
  const client = useQueryClient();
  const key = [...TRAINING_QUERY_KEY, 'session', sessionId];
  const session = useQuery({ queryKey: key, queryFn: ({ signal }) => trainingApi.session(sessionId, signal) });
  const [editing, setEditing] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [notice, setNotice] = useState(
    (location.state as { notice?: string } | null)?.notice === 'created' ? t('training.sessionPage.created') : '',
  );
  const cancel = useMutation({
    mutationFn: () => trainingApi.cancelSession(sessionId),
    onSuccess: () => setNotice(t('training.sessionPage.cancelled')),
    onSettled: () => client.invalidateQueries({ queryKey: TRAINING_QUERY_KEY }),
  });
  const data = session.data;

  return (
    <div className="weerbaar-training">
      <Heading1>{data ? `${titleOf(data.offering)} · ${data.city}` : t('training.sessionPage.title')}</Heading1>
      <Paragraph>
        <RouterLink to={WEB_PATHS.trainingCoordination}>{t('training.coordination.back')}</RouterLink>
      </Paragraph>
      <StatusMessage>{notice}</StatusMessage>
      {session.isPending && <Paragraph role="status">{t('training.loading')}</Paragraph>}
      {session.isError && (
        <Alert type="error">
          <Paragraph>{trainingProblem(t, session.error)}</Paragraph>
        </Alert>
      )}
      {cancel.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{trainingProblem(t, cancel.error)}</Paragraph>
        </Alert>
      )}
      {data && (
        <>
          <dl className="weerbaar-facts">
            <dt>{t('training.coordination.columns.status')}</dt>
            <dd>{t(`training.sessionStatus.${data.ended ? 'ended' : data.status}`)}</dd>
            <dt>{t('training.session.when')}</dt>
            <dd>
              <ul className="weerbaar-training__parts">
                {data.parts.map((part) => (
                  <li key={part.startsAt}>{partText(part)}</li>
                ))}
              </ul>
            </dd>
            <dt>{t('training.session.where')}</dt>
            <dd>
              {data.venue}, {data.city}
            </dd>
            <dt>{t('training.session.deadline')}</dt>
            <dd>{formatMoment(data.enrolmentDeadline)}</dd>
            <dt>{t('training.coordination.columns.seats')}</dt>
            <dd>{t('training.coordination.seatsTaken', { taken: data.counts.confirmed, capacity: data.capacity })}</dd>
            <dt>{t('training.coordination.columns.waiting')}</dt>
            <dd>{data.counts.waiting}</dd>
            {data.ended && (
              <>
                <dt>{t('training.coordination.columns.attended')}</dt>
                <dd>{data.counts.attended}</dd>
              </>
            )}
          </dl>
          {!data.started && data.status !== 'cancelled' && (
            <ButtonGroup>
              <Button appearance="secondary-action-button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
                {editing ? t('training.sessionPage.stopEditing') : t('training.sessionPage.edit')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setConfirmCancel(true)}>
                {t('training.sessionPage.cancel')}
              </Button>
            </ButtonGroup>
          )}
          {editing && (
            <section aria-labelledby="training-edit">
              <Heading2 id="training-edit">{t('training.sessionPage.editHeading')}</Heading2>
              <Paragraph>{t('training.sessionPage.editNote')}</Paragraph>
              <SessionForm
                key={data.id}
                initial={data}
                submitLabel={t('training.form.save')}
                onSubmit={async (values) => {
                  const { offeringId: _ignored, ...body } = values;
                  await trainingApi.updateSession(sessionId, body);
                  await client.invalidateQueries({ queryKey: TRAINING_QUERY_KEY });
                  setEditing(false);
                  setNotice(t('training.sessionPage.saved'));
                }}
              />
            </section>
          )}
          {data.status !== 'cancelled' && <Participants session={data} />}
        </>
      )}
      <ConfirmDialog
        open={confirmCancel}
        title={t('training.sessionPage.confirmTitle')}
        confirmLabel={t('training.sessionPage.confirmYes')}
        cancelLabel={t('training.sessionPage.confirmNo')}
        onCancel={() => setConfirmCancel(false)}
        onConfirm={() => {
          setConfirmCancel(false);
          setNotice('');
          cancel.mutate();
        }}
      >
        <Paragraph>{t('training.sessionPage.confirmText')}</Paragraph>
      </ConfirmDialog>
    </div>
  );
}
