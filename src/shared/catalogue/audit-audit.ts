import type { Catalogue } from './types.ts';

/** Audit actions of the audit module itself: the trail's own upkeep and how page refreshes are recorded. */
export const AUDIT_AUDIT_ACTIONS = {
  'audit.chain_keyed': {
    nl: 'beveiligde het logboek met een sleutel (eenmalig na een update)',
    en: 'secured the log with a key (once, after an update)',
  },
  'access.background_refresh': {
    nl: 'had een pagina met uw gegevens open die zichzelf ververste',
    en: 'had a page with your data open that refreshed itself',
  },
} as const satisfies Catalogue;
