import type { Catalogue } from './types.ts';

/** Audit actions of the Ondersteuningsteam's support requests (a case type). */
export const SUPPORT_AUDIT_ACTIONS = {
  'support.advice_recorded': { nl: 'schreef adviezen bij uw hulpvraag', en: 'wrote advice on your request' },
  'support.zelfscan_read': { nl: 'bekeek de zelfscan die u deelde', en: 'viewed the self-scan you shared' },
  'support.zelfscan_withdrawn': {
    nl: 'haalde de gedeelde zelfscan weg bij uw hulpvraag',
    en: 'took the shared self-scan away from your request',
  },
  'support.person_concerned_read': {
    nl: 'las de gegevens van de persoon om wie het gaat',
    en: 'read the details of the person it is about',
  },
} as const satisfies Catalogue;
