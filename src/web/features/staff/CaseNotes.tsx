import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX_LENGTH } from '../../../shared/cases.ts';
import { Alert, Button, Heading2, Paragraph, TextareaField } from '../../ui/index.ts';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { caseApi, useCaseAction, useNotes } from '../cases/data.ts';
import { formatDateTime, problemMessage } from '../cases/format.ts';

/** Internal notes: never shown to the requester or to peers and experts, and clearly marked so. */
export function CaseNotes({ caseId, mayPost }: { caseId: string; mayPost: boolean }) {
  const { t } = useTranslation();
  const notes = useNotes(caseId, true);
  const post = useCaseAction<{ body: string }, unknown>(caseId, caseApi.notes(caseId));
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const status = useStatusMessage();
  const list = notes.data?.notes ?? [];
  return (
    <section aria-labelledby="notes-heading" className="weerbaar-internal">
      <Heading2 id="notes-heading">{t('staff.notes.heading')}</Heading2>
      <p className="weerbaar-staff-only">{t('cases.staffOnly')}</p>
      {notes.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, notes.error)}</Paragraph>
        </Alert>
      )}
      {notes.data && list.length === 0 && <Paragraph>{t('staff.notes.none')}</Paragraph>}
      {list.length > 0 && (
        <ol className="weerbaar-messages">
          {list.map((note) => (
            <li key={note.id} className="weerbaar-message weerbaar-message--note">
              <p className="weerbaar-message__meta">
                <strong>{note.authorName ?? t('cases.summary.unnamed')}</strong>{' '}
                <time dateTime={note.at}>{formatDateTime(note.at)}</time>
              </p>
              <p className="weerbaar-message__body">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      {mayPost && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!body.trim()) {
              setError(t('staff.notes.empty'));
              document.getElementById('note-body')?.focus();
              return;
            }
            setError(undefined);
            post.mutate(
              { body: body.trim() },
              {
                onSuccess: () => {
                  setBody('');
                  status.announce(t('staff.notes.saved'));
                },
              },
            );
          }}
        >
          <TextareaField
            id="note-body"
            label={t('staff.notes.write')}
            description={t('cases.staffOnly')}
            value={body}
            onValueChange={setBody}
            error={error}
            maxLength={NOTE_MAX_LENGTH}
            rows={3}
          />
          {post.isError && (
            <Alert type="error" role="alert">
              <Paragraph>{problemMessage(t, post.error)}</Paragraph>
            </Alert>
          )}
          <Button type="submit" appearance="secondary-action-button" disabled={post.isPending}>
            {t('staff.notes.save')}
          </Button>
        </form>
      )}
      <StatusRegion message={status.message} />
    </section>
  );
}
