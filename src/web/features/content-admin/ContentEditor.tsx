import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/locale.ts';
import {
  NOTE_MAX_LENGTH,
  type PackageAdminPartResponse,
  type PackageRevisionTexts,
  REVISION_CONFLICT,
} from '../../../shared/package-admin.ts';
import { isApiError } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Paragraph,
  StatusMessage,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { contentAdminApi } from './api.ts';
import { ContentPreview } from './ContentPreview.tsx';
import { authorText, fieldId, formatWhen, refusalProblems } from './messages.ts';
import { RevisionHistory } from './RevisionHistory.tsx';

type Part = PackageAdminPartResponse['part'];

const LANGUAGES: Locale[] = ['nl', 'en'];

/** The form for one part's texts, its preview and its history; starts from the current revision. */
export function ContentEditor({
  part,
  knownSlugs,
  onSaved,
  onReload,
  notify,
}: {
  part: Part;
  knownSlugs: string[] | null;
  onSaved: (response: PackageAdminPartResponse) => Promise<void>;
  onReload: () => Promise<void>;
  /** A message for the page's live region, which outlives this form. */
  notify: (text: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { current } = part;
  const [draft, setDraft] = useState<PackageRevisionTexts>({
    title: current.title,
    summary: current.summary,
    body: current.body,
  });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();
  const conflictRef = useRef<HTMLDivElement>(null);
  const known = knownSlugs ? { packageSlugs: knownSlugs } : null;

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const change = (text: keyof PackageRevisionTexts, language: Locale) => (value: string) =>
    setDraft((previous) => ({ ...previous, [text]: { ...previous[text], [language]: value } }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    notify('');
    setBusy(true);
    try {
      const response = await contentAdminApi.save(part.slug, {
        baseRevision: current.revision,
        ...draft,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      form.clear();
      notify(t('contentAdmin.edit.saved', { revision: response.part.current.revision }));
      await onSaved(response);
    } catch (error) {
      if (isApiError(error, REVISION_CONFLICT)) {
        form.clear();
        setConflict(true);
      } else {
        const problems = refusalProblems(t, error, draft, known);
        if (problems.length > 0) form.report(problems);
        else setFailure(problemMessage(t, error));
      }
    } finally {
      setBusy(false);
    }
  }

  /** A restore starts the form again from the restored texts (the key of this component changes). */
  async function restored(response: PackageAdminPartResponse, from: number) {
    notify(t('contentAdmin.history.restored', { from, revision: response.part.current.revision }));
    await onSaved(response);
  }

  return (
    <>
      <Paragraph>
        {t(current.source === 'release' ? 'contentAdmin.edit.currentRelease' : 'contentAdmin.edit.current', {
          revision: current.revision,
          when: formatWhen(current.createdAt, locale),
          who: authorText(t, current),
        })}
      </Paragraph>
      {conflict && (
        <div ref={conflictRef} tabIndex={-1} className="weerbaar-content-conflict">
          <Alert type="warning">
            <Heading2>{t('contentAdmin.conflict.title')}</Heading2>
            <Paragraph>{t('contentAdmin.conflict.body')}</Paragraph>
            <ButtonGroup>
              <Button appearance="secondary-action-button" onClick={() => void onReload()}>
                {t('contentAdmin.conflict.reload')}
              </Button>
            </ButtonGroup>
          </Alert>
        </div>
      )}
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void save(event)} className="weerbaar-content-editor">
        <ErrorSummary heading={t('contentAdmin.edit.refused')} problems={form.problems} attempt={form.attempt} />
        <Paragraph>{t('contentAdmin.edit.markdownHelp')}</Paragraph>
        {LANGUAGES.map((language) => (
          <Fieldset key={language}>
            <FieldsetLegend>{t(`contentAdmin.languages.${language}`)}</FieldsetLegend>
            <TextField
              id={fieldId(`title.${language}`)}
              lang={language}
              label={t('contentAdmin.fields.title')}
              value={draft.title[language]}
              onValueChange={change('title', language)}
              error={form.errorFor(fieldId(`title.${language}`))}
            />
            <TextareaField
              id={fieldId(`summary.${language}`)}
              lang={language}
              label={t('contentAdmin.fields.summary')}
              rows={3}
              value={draft.summary[language]}
              onValueChange={change('summary', language)}
              error={form.errorFor(fieldId(`summary.${language}`))}
            />
            <TextareaField
              id={fieldId(`body.${language}`)}
              lang={language}
              label={t('contentAdmin.fields.body')}
              description={t('contentAdmin.edit.bodyDescription')}
              rows={18}
              className="weerbaar-markdown-field"
              spellCheck
              value={draft.body[language]}
              onValueChange={change('body', language)}
              error={form.errorFor(fieldId(`body.${language}`))}
            />
          </Fieldset>
        ))}
        <TextField
          id="content-note"
          label={t('contentAdmin.edit.note')}
          description={t('contentAdmin.edit.noteDescription', { max: NOTE_MAX_LENGTH })}
          maxLength={NOTE_MAX_LENGTH}
          value={note}
          onValueChange={setNote}
        />
        <StatusMessage type="info">{busy ? t('contentAdmin.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={conflict}>
            {t('contentAdmin.edit.save')}
          </Button>
        </ButtonGroup>
      </form>
      <ContentPreview draft={draft} known={known} />
      <RevisionHistory part={part} onRestored={restored} />
    </>
  );
}
