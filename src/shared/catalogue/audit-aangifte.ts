import type { Catalogue } from './types.ts';

/** Audit actions of the aangifte aid and the protection step (the owner's own incident; nobody else reads it). */
export const AANGIFTE_AUDIT_ACTIONS = {
  'aangifte.choices_saved': {
    nl: 'bewaarde keuzes in de hulp bij aangifte',
    en: 'saved choices in the reporting aid',
  },
  'aangifte.police_report_recorded': {
    nl: 'legde vast wat er bij de politie gebeurde',
    en: 'recorded what happened at the police',
  },
  'aangifte.sheet_made': {
    nl: 'maakte een voorbereidingsblad voor de politie',
    en: 'made a preparation sheet for the police',
  },
  'protection.informed': {
    nl: 'legde vast dat hij of zij over beveiliging is geïnformeerd',
    en: 'recorded being informed about protection',
  },
} as const satisfies Catalogue;
