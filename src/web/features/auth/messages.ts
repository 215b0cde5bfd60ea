import { currentLocale } from '../../i18n/index.ts';

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
