import type { TFunction } from 'i18next';
import type { KnownContent } from '../../../shared/content-links.ts';
import type { ContentField, PackageRevisionSummary, PackageRevisionTexts } from '../../../shared/package-admin.ts';
import { checkPartTexts, type FieldContentProblem } from '../../../shared/package-content-check.ts';
import { fieldProblemsFrom } from '../../api/problems.ts';
import type { FieldProblem } from '../../ui/index.ts';

/** The id of the input for each checked field, and the server's field path for it. */
export const fieldId = (field: ContentField) => `content-${field.replace('.', '-')}`;
const serverField = (field: ContentField) => `body/${field.replace('.', '/')}`;
const FIELDS: ContentField[] = ['title.nl', 'summary.nl', 'body.nl', 'title.en', 'summary.en', 'body.en'];

/** "Titel (Nederlands)": which field, in words. */
export function fieldLabel(t: TFunction, field: ContentField): string {
  const [text, locale] = field.split('.') as [string, string];
  return t('contentAdmin.fieldInLanguage', {
    field: t(`contentAdmin.fields.${text}`),
    language: t(`contentAdmin.languages.${locale}`),
  });
}

/** One reason of the content check in plain words, with the piece of text it is about. */
export function problemText(t: TFunction, problem: Pick<FieldContentProblem, 'code' | 'source' | 'max'>): string {
  return t(`contentAdmin.check.${problem.code}`, { source: problem.source ?? '', max: problem.max ?? 0 });
}

/** Who made a revision: the admin's name, or the content files of a release. */
export function authorText(t: TFunction, revision: PackageRevisionSummary): string {
  if (revision.source === 'release') return t('contentAdmin.history.release');
  return revision.authorName ?? t('contentAdmin.history.unknownAuthor');
}

/**
 * A refused save as messages next to the fields. The server gives the field and the reason; the same
 * check run here on the draft gives the piece of text each reason is about.
 */
export function refusalProblems(
  t: TFunction,
  error: unknown,
  draft: PackageRevisionTexts,
  known: KnownContent | null,
): FieldProblem[] {
  const local = known ? checkPartTexts(draft, known) : [];
  const fields = Object.fromEntries(FIELDS.map((field) => [serverField(field), fieldId(field)]));
  return fieldProblemsFrom(t, error, fields, (reasons, id) => {
    const field = FIELDS.find((candidate) => fieldId(candidate) === id);
    if (!field) return null;
    // The same rules, so the same reasons; the server's codes alone when the two ever disagree.
    const mine = local.filter((problem) => problem.field === field);
    const details =
      mine.length > 0 ? mine : reasons.map((reason) => ({ code: reason.code as FieldContentProblem['code'] }));
    const texts = [...new Set(details.map((detail) => problemText(t, detail)))];
    return `${fieldLabel(t, field)}: ${texts.join(' ')}`;
  });
}

/** The content check on a draft, for the preview, in the form's order. */
export function draftProblems(t: TFunction, draft: PackageRevisionTexts, known: KnownContent): string[] {
  const problems = checkPartTexts(draft, known);
  return FIELDS.flatMap((field) =>
    problems
      .filter((problem) => problem.field === field)
      .map((problem) => `${fieldLabel(t, field)}: ${problemText(t, problem)}`),
  );
}

/** Date and time in the reader's language. */
export function formatWhen(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
