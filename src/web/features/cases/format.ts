import type { TFunction } from 'i18next';
import { CASE_PROBLEMS, problemMessage as describeProblem, fieldCodesByPath } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';

/** Dutch office hours matter to everyone involved: times are always shown in Dutch time. */
const TIME_ZONE = 'Europe/Amsterdam';

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(iso));
}

/** "in 3 hours", "2 days ago": a plain distance next to the exact time. */
export function formatRelative(iso: string, now = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  const format = new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'auto' });
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

export function formatBytes(bytes: number): string {
  const locale = currentLocale();
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** A plain sentence for any failed call, in the case pages' words (see src/web/api/problems.ts). */
export function problemMessage(t: TFunction, error: unknown): string {
  return describeProblem(t, error, CASE_PROBLEMS);
}

/** Server field errors (`body/contact/phone`) as the form's own paths (`contact.phone`), with their codes. */
export const serverFieldErrors = fieldCodesByPath;
