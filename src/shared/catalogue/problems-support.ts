import type { Catalogue } from './types.ts';

/** Problem codes of the Ondersteuningsteam's support requests (a case type). */
export const SUPPORT_PROBLEMS = {
  zelfscan_result_not_found: {
    nl: 'Deze uitslag van de zelfscan bestaat niet meer.',
    en: 'This self-scan result no longer exists.',
  },
  incident_not_shareable: {
    nl: 'Dit incident kan niet worden gedeeld: het bestaat niet meer, of een gekozen bestand hoort er niet bij.',
    en: 'This incident cannot be shared: it no longer exists, or a chosen file is not part of it.',
  },
  colleague_concern_officeholders_only: {
    nl: 'Alleen ambtsdragers kunnen een zorg over een collega melden.',
    en: 'Only office holders can raise a concern about a colleague.',
  },
} as const satisfies Catalogue;
