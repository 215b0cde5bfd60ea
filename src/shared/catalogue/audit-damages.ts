import type { Catalogue } from './types.ts';

/** Audit actions of the damages module (the person's own damage claims, and the Schadefonds rules). */
export const DAMAGES_AUDIT_ACTIONS = {
  'damages.claim_created': { nl: 'legde een schadeclaim vast bij een incident', en: 'recorded a damage claim' },
  'damages.claim_updated': { nl: 'werkte een schadeclaim bij', en: 'updated a damage claim' },
  'damages.claim_deleted': { nl: 'verwijderde een schadeclaim', en: 'deleted a damage claim' },
  'damages.rules_revised': {
    nl: 'legde een nieuwe versie van de regels van het Schadefonds vast',
    en: 'saved a new version of the Schadefonds rules',
  },
} as const satisfies Catalogue;
