import type { TFunction } from 'i18next';
import { AUTH_PROBLEM_CODES, PASSWORD_FEEDBACK_PREFIX } from '../../../shared/auth.ts';
import type { FieldError } from '../../../shared/problem.ts';
import { ApiError } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import type { FieldProblem } from '../../ui/index.ts';
import { PasskeyError } from './passkeys.ts';

/** Problem codes with their own text in `auth.problems`; anything else gets the general one. */
const KNOWN_PROBLEMS = new Set<string>([
  ...AUTH_PROBLEM_CODES,
  // Generic codes, and the admin and relatives routes' own.
  'csrf_rejected',
  'unauthenticated',
  'forbidden',
  'not_found',
  'rate_limited',
  'validation_failed',
  'own_admin_role',
  'last_admin',
  'relative_needs_link',
  'cannot_deactivate_self',
  'not_invited',
  'setup_invitation',
]);

/** "2 minuten" / "45 seconden": how long to wait, rounded up to whole minutes past one minute. */
export function waitTime(t: TFunction, seconds: number): string {
  if (seconds <= 60) return t('auth.wait.seconds', { count: Math.max(1, seconds) });
  return t('auth.wait.minutes', { count: Math.ceil(seconds / 60) });
}

/** One calm sentence for anything that went wrong: an API problem, a passkey step, or no connection. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (error instanceof PasskeyError) return t(`auth.passkey.problems.${error.problem}`);
  if (error instanceof ApiError) {
    if (error.code === 'sign_in_throttled' || error.code === 'rate_limited') {
      return t('auth.problems.sign_in_throttled', { wait: waitTime(t, error.retryAfterSeconds ?? 60) });
    }
    if (KNOWN_PROBLEMS.has(error.code)) return t(`auth.problems.${error.code}`);
    if (error.status >= 500) return t('auth.problems.server');
    return t('auth.problems.unknown');
  }
  return t('auth.problems.network');
}

const FIELD_CODE_MESSAGES = new Set([
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

/**
 * The server's field errors as messages next to the right inputs. `fields` maps the server's field
 * path (`body/password`) to the input's id. Password advice from the strength check is joined into
 * the message of the password field.
 */
export function fieldProblemsFrom(t: TFunction, error: unknown, fields: Record<string, string>): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  for (const fieldError of error.fieldErrors) {
    const fieldId = fields[fieldError.field];
    if (!fieldId) continue;
    const text = fieldErrorText(t, fieldError);
    if (!text) continue;
    const list = byField.get(fieldId) ?? [];
    if (!list.includes(text)) list.push(text);
    byField.set(fieldId, list);
  }
  return [...byField].map(([fieldId, messages]) => ({ fieldId, message: messages.join(' ') }));
}

function fieldErrorText(t: TFunction, fieldError: FieldError): string | null {
  if (fieldError.code.startsWith(PASSWORD_FEEDBACK_PREFIX)) {
    const key = fieldError.code.slice(PASSWORD_FEEDBACK_PREFIX.length);
    return t(`auth.passwordFeedback.${key}`, { defaultValue: '' }) || null;
  }
  if (FIELD_CODE_MESSAGES.has(fieldError.code)) return t(`auth.fieldProblems.${fieldError.code}`);
  return t('auth.fieldProblems.invalid');
}

/** Date and time in the reader's language: "3 maart 2025 om 14:05" / "3 March 2025 at 14:05". */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale() === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' }).format(
    new Date(iso),
  );
}

/** A rough e-mail check for the form; the server has the last word. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
