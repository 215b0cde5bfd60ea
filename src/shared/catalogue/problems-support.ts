import type { Catalogue } from './types.ts';

/** Problem codes of the Ondersteuningsteam's support requests (a case type). */
export const SUPPORT_PROBLEMS = {
  zelfscan_result_not_found: {
    nl: 'Deze uitslag van de zelfscan bestaat niet meer.',
    en: 'This self-scan result no longer exists.',
  },
  colleague_concern_officeholders_only: {
    nl: 'Alleen ambtsdragers kunnen een zorg over een collega melden.',
    en: 'Only office holders can raise a concern about a colleague.',
  },
} as const satisfies Catalogue;
