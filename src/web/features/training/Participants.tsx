import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoordinatorSession, Participant } from '../../../shared/training.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxField,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Heading3,
  Link,
  Paragraph,
  StatusMessage,
} from '../../ui/index.ts';
import { TRAINING_QUERY_KEY, trainingApi, trainingFiles } from './api.ts';
import { officeText, trainingProblem } from './labels.ts';

/**
 * Who takes part (name, office, municipality) and who waits, the CSV, and after the session who
 * attended. Opening this list is recorded in each participant's access log; the page says so.
 */
export function Participants({ session }: { session: CoordinatorSession }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = [...TRAINING_QUERY_KEY, 'participants', session.id];
  const lists = useQuery({ queryKey: key, queryFn: ({ signal }) => trainingApi.participants(session.id, signal) });
  const [marks, setMarks] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const attendedOf = (participant: Participant) => marks[participant.enrolmentId] ?? participant.attended === true;

  async function saveAttendance() {
    if (busy || !lists.data) return;
    setBusy(true);
    setSaved('');
    setFailure(null);
    try {
      const result = await trainingApi.recordAttendance(session.id, {
        attendance: lists.data.confirmed.map((p) => ({ enrolmentId: p.enrolmentId, attended: attendedOf(p) })),
      });
      client.setQueryData(key, result);
      setMarks({});
      await client.invalidateQueries({ queryKey: [...TRAINING_QUERY_KEY, 'session', session.id] });
      setSaved(t('training.participants.attendanceSaved'));
    } catch (error) {
      setFailure(trainingProblem(t, error));
    } finally {
      setBusy(false);
    }
  }

  const row = (participant: Participant) =>
    `${participant.name ?? t('training.unknown')} · ${officeText(t, participant.office)}${participant.region ? `, ${participant.region}` : ''}`;

  return (
    <section aria-labelledby="training-participants">
      <Heading2 id="training-participants">{t('training.participants.heading')}</Heading2>
      <Paragraph>{t('training.participants.audited')}</Paragraph>
      {lists.isPending && <Paragraph role="status">{t('training.loading')}</Paragraph>}
      {lists.isError && (
        <Alert type="error">
          <Paragraph>{trainingProblem(t, lists.error)}</Paragraph>
        </Alert>
      )}
      {lists.data && (
        <>
          <Paragraph>
            <Link href={trainingFiles.participantsCsv(session.id)} download>
              {t('training.participants.csv')}
            </Link>
          </Paragraph>
          <Heading3 id="training-confirmed">
            {t('training.participants.confirmed', { count: lists.data.confirmed.length })}
          </Heading3>
          {lists.data.confirmed.length === 0 ? (
            <Paragraph>{t('training.participants.noneConfirmed')}</Paragraph>
          ) : session.ended ? (
            <>
              <Fieldset>
                <FieldsetLegend>{t('training.participants.attendanceLegend')}</FieldsetLegend>
                {lists.data.confirmed.map((participant) => (
                  <CheckboxField
                    key={participant.enrolmentId}
                    id={`attended-${participant.enrolmentId}`}
                    label={row(participant)}
                    checked={attendedOf(participant)}
                    onCheckedChange={(checked) =>
                      setMarks((current) => ({ ...current, [participant.enrolmentId]: checked }))
                    }
                  />
                ))}
              </Fieldset>
              <StatusMessage>{saved}</StatusMessage>
              {failure && (
                <Alert type="error" role="alert">
                  <Paragraph>{failure}</Paragraph>
                </Alert>
              )}
              <ButtonGroup>
                <Button appearance="primary-action-button" disabled={busy} onClick={() => void saveAttendance()}>
                  {t('training.participants.saveAttendance')}
                </Button>
              </ButtonGroup>
            </>
          ) : (
            <ul aria-labelledby="training-confirmed">
              {lists.data.confirmed.map((participant) => (
                <li key={participant.enrolmentId}>{row(participant)}</li>
              ))}
            </ul>
          )}
          <Heading3 id="training-waiting">
            {t('training.participants.waiting', { count: lists.data.waiting.length })}
          </Heading3>
          {lists.data.waiting.length === 0 ? (
            <Paragraph>{t('training.participants.noneWaiting')}</Paragraph>
          ) : (
            <ol aria-labelledby="training-waiting">
              {lists.data.waiting.map((participant) => (
                <li key={participant.enrolmentId}>{row(participant)}</li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
