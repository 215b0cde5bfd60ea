import type { Catalogue } from './types.ts';

/** Problem codes of the damages module. */
export const DAMAGES_PROBLEMS = {
  damage_claims_full: {
    nl: 'Bij dit incident kunnen geen schadeclaims meer. Verwijder eerst een claim die u niet meer nodig hebt.',
    en: 'This incident cannot hold more damage claims. Delete a claim you no longer need first.',
  },
} as const satisfies Catalogue;
