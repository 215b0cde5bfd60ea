import type { Locale } from '../../../shared/locale.ts';

/** The locale a server-made document is written in (its /Lang, and how dates are spelled). */
export const DOCUMENT_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * "12 maart 2026" / "12 March 2026": a calendar date (`YYYY-MM-DD`, taken as is) or a moment (a Date or
 * an ISO timestamp, shown as the date in the Netherlands).
 */
export function longDate(locale: Locale, value: string | Date): string {
  const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const moment = dateOnly ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(DOCUMENT_LOCALE[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: dateOnly ? 'UTC' : 'Europe/Amsterdam',
  }).format(moment);
}
