import type { Catalogue } from './types.ts';

/** Problem codes of the aangifte aid and the protection step. */
export const AANGIFTE_PROBLEMS = {
  aangifte_date_in_future: {
    nl: 'Deze datum ligt in de toekomst. Kies de dag waarop het gebeurde.',
    en: 'This date lies in the future. Choose the day it happened.',
  },
  protection_review_in_past: {
    nl: 'Deze datum ligt in het verleden. Kies vandaag of een latere dag.',
    en: 'This date lies in the past. Choose today or a later day.',
  },
} as const satisfies Catalogue;
