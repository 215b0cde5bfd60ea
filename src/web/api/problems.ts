import type { TFunction } from 'i18next';
import { PASSWORD_FEEDBACK_PREFIX } from '../../shared/auth.ts';
import type { FieldError } from '../../shared/problem.ts';
import { currentLocale } from '../i18n/index.ts';
import type { FieldProblem } from '../ui/index.ts';
import { ApiError } from './client.ts';

/**
 * The one way a page turns a failed call into words: the API's RFC 9457 problem (its stable code, any
 * field errors, Retry-After) or a problem the browser found itself, into texts from the i18n catalogues.
 *
 * A page speaks from one catalogue section: one text per problem code it knows (`<section>.<code>`),
 * plus its general sentences — `network` (no answer at all), `unknown` (any other problem), and where
 * the section has them `server` (the server failed, 5xx) and `signedOut` (401). A text may say how long
 * to wait with `{{wait}}`.
 */
export type ProblemSection = typeof GENERAL_PROBLEMS | typeof CASE_PROBLEMS;

/** The identity, account, admin, handover and content pages. */
export const GENERAL_PROBLEMS = 'auth.problems';
/** The case pages: calmer words, with the Support Team's number where help may be needed now. */
export const CASE_PROBLEMS = 'cases.errors';

/** Keys of a section that are its general sentences, never the text of a code. */
const GENERAL_KEYS = new Set(['network', 'server', 'unknown', 'signedOut']);

/** How long to wait when the server said nothing (no Retry-After): the request cap counts per day. */
const DEFAULT_WAIT_SECONDS: Record<string, number> = { too_many_requests: 24 * 60 * 60 };

/** A problem the browser found itself (a passkey step that did not go through): it names its own text. */
export interface LocalProblem {
  readonly messageKey: string;
}

function isLocalProblem(error: unknown): error is LocalProblem {
  return error instanceof Error && typeof (error as Partial<LocalProblem>).messageKey === 'string';
}

/** One calm sentence for anything that went wrong. */
export function problemMessage(t: TFunction, error: unknown, section: ProblemSection = GENERAL_PROBLEMS): string {
  if (isLocalProblem(error)) return t(error.messageKey);
  if (!(error instanceof ApiError)) return t(`${section}.network`);
  const own = (key: string, options: Record<string, unknown> = {}) =>
    t(`${section}.${key}`, { ...options, defaultValue: '' });
  if (error.status === 401) {
    const signedOut = own('signedOut');
    if (signedOut) return signedOut;
  }
  if (!GENERAL_KEYS.has(error.code)) {
    const seconds = error.retryAfterSeconds ?? DEFAULT_WAIT_SECONDS[error.code] ?? 60;
    const text = own(error.code, { wait: waitText(seconds) });
    if (text) return text;
  }
  if (error.status >= 500) return own('server') || t(`${section}.unknown`);
  return t(`${section}.unknown`);
}

/** "45 seconden", "2 minuten", "3 uur": how long to wait, rounded up, in the page's language. */
export function waitText(seconds: number): string {
  const [amount, unit] =
    seconds <= 60
      ? [Math.max(1, Math.ceil(seconds)), 'second']
      : seconds < 90 * 60
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(currentLocale(), { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

/** Field error codes with their own text in `auth.fieldProblems`; any other gets the general one. */
const FIELD_CODES = new Set([
  'password_too_weak',
  'email_required',
  'email_not_allowed',
  'email_taken',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_string',
  'invalid_type',
  'invalid_value',
]);

/** One field error in words; password advice from the strength check in its own words, when known. */
function fieldErrorText(t: TFunction, fieldError: FieldError): string | null {
  if (fieldError.code.startsWith(PASSWORD_FEEDBACK_PREFIX)) {
    const key = fieldError.code.slice(PASSWORD_FEEDBACK_PREFIX.length);
    return t(`auth.passwordFeedback.${key}`, { defaultValue: '' }) || null;
  }
  if (FIELD_CODES.has(fieldError.code)) return t(`auth.fieldProblems.${fieldError.code}`);
  return t('auth.fieldProblems.invalid');
}

/** Words for the reasons one input was refused (several reasons may come for one input). */
export type ReasonsInWords = (reasons: FieldError[], fieldId: string) => string | null;

/**
 * The field errors of a refused request as messages next to the right inputs, in the server's order.
 * `fields` maps the server's field path (`body/password`) to the input's id; errors of other paths are
 * left to the page's general message. By default each reason gets the general field texts, joined.
 */
export function fieldProblemsFrom(
  t: TFunction,
  error: unknown,
  fields: Record<string, string>,
  inWords?: ReasonsInWords,
): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, FieldError[]>();
  for (const fieldError of error.fieldErrors) {
    const fieldId = fields[fieldError.field];
    if (!fieldId) continue;
    byField.set(fieldId, [...(byField.get(fieldId) ?? []), fieldError]);
  }
  const words =
    inWords ??
    ((reasons: FieldError[]) => {
      const texts = [...new Set(reasons.map((reason) => fieldErrorText(t, reason)).filter((text) => text !== null))];
      return texts.length > 0 ? texts.join(' ') : null;
    });
  const problems: FieldProblem[] = [];
  for (const [fieldId, reasons] of byField) {
    const message = words(reasons, fieldId);
    if (message) problems.push({ fieldId, message });
  }
  return problems;
}

/**
 * The field errors as the form's own paths (`body/contact/phone` → `contact.phone`) with the first code
 * of each, for forms that word them in their own catalogue.
 */
export function fieldCodesByPath(error: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (!(error instanceof ApiError)) return fields;
  for (const fieldError of error.fieldErrors) {
    const path = fieldError.field.replace(/^body\/?/, '').replaceAll('/', '.');
    if (!fields.has(path)) fields.set(path, fieldError.code);
  }
  return fields;
}
