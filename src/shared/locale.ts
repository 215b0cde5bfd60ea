/** Dutch first, English second. */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

// The schema lives in its own module (with zod); importing the codes above does not pull it in.
export { type LocalizedText, localizedTextSchema } from './localized-text.ts';
