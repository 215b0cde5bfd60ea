import type { Catalogue } from './types.ts';

/** Audit actions of the zelfscan module (saved results). */
export const ZELFSCAN_AUDIT_ACTIONS = {
  'zelfscan.result_deleted': {
    nl: 'verwijderde een opgeslagen uitslag van de zelfscan',
    en: 'deleted a saved self-scan result',
  },
} as const satisfies Catalogue;
