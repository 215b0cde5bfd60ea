import type { Catalogue } from './types.ts';

/** Audit actions of the package module (admins editing the package texts). */
export const PACKAGE_AUDIT_ACTIONS = {
  'package.part_revised': {
    nl: 'veranderde een tekst van het Veiligheidspakket',
    en: 'changed a text of the safety package',
  },
  'package.part_restored': {
    nl: 'zette een eerdere tekst van het Veiligheidspakket terug',
    en: 'restored an earlier text of the safety package',
  },
} as const satisfies Catalogue;
