import i18n from 'i18next';
import { currentLocale } from './index.ts';

/**
 * One rule for every time the web app shows: Dutch time (Europe/Amsterdam), whatever the browser's own
 * zone, because office hours, call-backs and deadlines are Dutch. Where a time of day is shown and the
 * browser runs in another zone, the time says so ("18:20 (Nederlandse tijd)"), so nobody abroad reads
 * it as their own. Every page formats dates and times through these functions, never toLocale* itself.
 */
export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

/** The browser's zone, or null when it cannot tell. Read each time: tests and travellers change it. */
function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}

/** True when the browser's clock shows another time than Dutch time at this moment. */
export function browserZoneDiffers(at: Date = new Date()): boolean {
  const zone = browserTimeZone();
  if (zone === DUTCH_TIME_ZONE) return false;
  if (zone === null) return true;
  const clock = (timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at);
  return clock(zone) !== clock(DUTCH_TIME_ZONE);
}

function locale(): string {
  return currentLocale() === 'nl' ? 'nl-NL' : 'en-GB';
}

function withZone(text: string, at: Date): string {
  return browserZoneDiffers(at) ? `${text} (${i18n.t('time.dutchTime')})` : text;
}

/** A moment with date and time: "4 december 2026 om 18:20", plus the zone when the browser's differs. */
export function formatDateTime(iso: string | Date): string {
  const at = new Date(iso);
  const text = new Intl.DateTimeFormat(locale(), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: DUTCH_TIME_ZONE,
  }).format(at);
  return withZone(text, at);
}

/** The time of day of a moment: "18:20", plus the zone when the browser's differs. */
export function formatTime(iso: string | Date): string {
  const at = new Date(iso);
  return withZone(new Intl.DateTimeFormat(locale(), { timeStyle: 'short', timeZone: DUTCH_TIME_ZONE }).format(at), at);
}

/** The day of a moment, in the Netherlands: "4 december 2026" (with the weekday when asked). */
export function formatDate(iso: string | Date, options: { weekday?: boolean } = {}): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: DUTCH_TIME_ZONE,
    ...(options.weekday ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : { dateStyle: 'long' }),
  }).format(new Date(iso));
}

/** A calendar date without a time (`YYYY-MM-DD`, a planned day or a birthday): "15 december 2026". */
export function formatCalendarDate(date: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** A short calendar date for tight places (chart axes): "15-12-2026" / "15/12/2026". */
export function formatShortDate(iso: string | Date): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeZone: DUTCH_TIME_ZONE }).format(new Date(iso));
}

/** Today in the Netherlands, as `YYYY-MM-DD` (date fields' defaults and limits). */
export function todayInNl(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: DUTCH_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
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
