import type { Catalogue } from './types.ts';

/** Problem codes of SIPA's advice requests (a case type). */
export const SIPA_PROBLEMS = {
  capacity_not_held: {
    nl: 'Volgens uw profiel hebt u niet de functie die u koos. Kies een andere rol.',
    en: 'Your profile does not show the office you chose. Choose another role.',
  },
} as const satisfies Catalogue;
