import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.ts';
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

/** "3 uur", "20 minuten": how long to wait, rounded up to whole hours from 90 minutes on. */
export function formatWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const [amount, unit] = minutes >= 90 ? [Math.ceil(minutes / 60), 'hour'] : [minutes, 'minute'];
  return new Intl.NumberFormat(currentLocale(), { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

/** A plain sentence for any failed call: the problem's code when we know it, else a general one. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return t('cases.errors.signedOut');
    if (error.code === 'too_many_requests') {
      return t('cases.errors.too_many_requests', { time: formatWait(error.retryAfterSeconds ?? 24 * 60 * 60) });
    }
    return t(`cases.errors.${error.code}`, { defaultValue: t('cases.errors.unknown') });
  }
  return t('cases.errors.network');
}

/** Server field errors (`body/contact/phone`) as the form's own paths (`contact.phone`). */
export function serverFieldErrors(error: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (!(error instanceof ApiError)) return fields;
  for (const fieldError of error.fieldErrors) {
    const path = fieldError.field.replace(/^body\/?/, '').replaceAll('/', '.');
    if (!fields.has(path)) fields.set(path, fieldError.code);
  }
  return fields;
}
