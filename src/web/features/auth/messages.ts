/**
 * Date and time in the reader's language, in Dutch time (the one rule of src/web/i18n/time.ts: before,
 * these pages used the browser's zone and others Dutch time, 17:19 against 18:20 for the same minute).
 */
export { formatDate, formatDateTime } from '../../i18n/time.ts';

/** A rough e-mail check for the form; the server has the last word. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
