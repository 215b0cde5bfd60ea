import type { Catalogue } from './types.ts';

/** Problem codes of the package module (admins editing the package texts). */
export const PACKAGE_PROBLEMS = {
  revision_conflict: {
    nl: 'Iemand anders heeft deze tekst net opgeslagen. Bekijk de nieuwe versie en breng uw wijziging daarin aan.',
    en: 'Someone else has just saved this text. Look at the new version and make your change in it.',
  },
  content_check_failed: {
    nl: 'De tekst is niet opgeslagen. Bij de velden staat wat er anders moet.',
    en: 'The text was not saved. The fields show what needs to change.',
  },
} as const satisfies Catalogue;
