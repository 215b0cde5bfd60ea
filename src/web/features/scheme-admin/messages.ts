import type { TFunction } from 'i18next';
import type { FieldError } from '../../../shared/problem.ts';
import { SCHEME_PAST_CODES, type SchemeContent } from '../../../shared/woningscan-schemes.ts';
import { fieldProblemsFrom } from '../../api/problems.ts';
import type { FieldProblem } from '../../ui/index.ts';

/** Where a scheme stands on a day: it applies, it is scheduled (starts later), or it has ended. */
export type SchemePhase = 'current' | 'scheduled' | 'ended';

export function phaseOn(content: SchemeContent, today: string): SchemePhase {
  if (content.validFrom > today) return 'scheduled';
  if (content.validTo !== null && content.validTo < today) return 'ended';
  return 'current';
}

/** The inputs of the version form; each field's id, and its label's key in schemeAdmin.fields. */
export const SCHEME_FIELDS = [
  'key',
  'replaces',
  'validFrom',
  'validTo',
  'name.nl',
  'name.en',
  'summary.nl',
  'summary.en',
  'whoPays.nl',
  'whoPays.en',
  'eligibleOffices',
  'capEuros',
  'pkvwRequired',
  'route',
  'sourceUrl',
  'note',
] as const;
export type SchemeField = (typeof SCHEME_FIELDS)[number];

export const schemeFieldId = (field: SchemeField) => `scheme-${field.replace('.', '-')}`;

/** The server's path of a field (`body/content/name/nl`), as its problems name it. */
function serverPath(field: SchemeField): string {
  if (field === 'key') return 'params/key';
  if (field === 'replaces' || field === 'note') return `body/${field}`;
  return `body/content/${field.replace('.', '/')}`;
}

const OWN_CODES = new Set<string>([
  ...SCHEME_PAST_CODES,
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_type',
  'invalid_value',
]);

/** One reason in words: the rule about the past, a shape problem, or (zod's custom checks) the field's own. */
function reasonText(t: TFunction, field: SchemeField, reason: FieldError): string {
  if (OWN_CODES.has(reason.code)) return t(`schemeAdmin.fieldProblems.${reason.code}`);
  if (reason.code === 'custom' && field === 'validTo') return t('schemeAdmin.fieldProblems.endBeforeStart');
  if (reason.code === 'custom') return t('schemeAdmin.fieldProblems.eachOnce');
  return t('schemeAdmin.fieldProblems.invalid');
}

/**
 * A refused save as messages next to the fields, each naming its field (the error summary lists them).
 * `anchors`: the id a field's message is linked to, where it is not the field's own (groups of choices).
 */
export function refusalProblems(
  t: TFunction,
  error: unknown,
  anchors: Partial<Record<SchemeField, string>>,
): FieldProblem[] {
  const idOf = (field: SchemeField) => anchors[field] ?? schemeFieldId(field);
  const fields: Record<string, string> = {};
  for (const field of SCHEME_FIELDS) fields[serverPath(field)] = idOf(field);
  return fieldProblemsFrom(t, error, withListPaths(fields), (reasons, id) => {
    const field = SCHEME_FIELDS.find((candidate) => idOf(candidate) === id);
    if (!field) return null;
    const texts = [...new Set(reasons.map((reason) => reasonText(t, field, reason)))];
    return `${fieldLabel(t, field)}: ${texts.join(' ')}`;
  });
}

/** "Naam (Nederlands)": which field, in words. */
function fieldLabel(t: TFunction, field: SchemeField): string {
  const [text, language] = field.split('.');
  if (!language) return t(`schemeAdmin.fields.${text}`);
  return t('schemeAdmin.fieldInLanguage', {
    field: t(`schemeAdmin.fields.${text}`),
    language: t(`schemeAdmin.languages.${language}`),
  });
}

/** A list's problem may name one of its items (`…/eligibleOffices/2`): it belongs to the list. */
function withListPaths(fields: Record<string, string>): Record<string, string> {
  const all = { ...fields };
  for (const list of ['eligibleOffices', 'route'] as const) {
    const id = fields[`body/content/${list}`];
    if (!id) continue;
    for (let index = 0; index < 10; index++) all[`body/content/${list}/${index}`] = id;
  }
  return all;
}
