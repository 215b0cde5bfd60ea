import type { Catalogue } from './types.ts';

/** Audit actions of the handover module (the package for a new office holder). */
export const HANDOVER_AUDIT_ACTIONS = {
  'handover.registered': {
    nl: 'registreerde uw benoeming voor het Veiligheidspakket',
    en: 'registered your appointment for the safety package',
  },
  'handover.viewed': {
    nl: 'bekeek de gegevens van uw Veiligheidspakket',
    en: 'viewed the details of your safety package',
  },
  'handover.package_printed': {
    nl: 'printte uw persoonlijke Veiligheidspakket',
    en: 'printed your personal safety package',
  },
  'handover.handed_over': {
    nl: 'legde vast dat u het Veiligheidspakket kreeg',
    en: 'recorded that you received the safety package',
  },
  'handover.handover_undone': {
    nl: 'haalde weg dat u het Veiligheidspakket kreeg',
    en: 'took back the record that you received the safety package',
  },
  'handover.code_exchanged': {
    nl: 'gebruikte de code uit uw pakket voor een nieuwe activeringslink',
    en: 'used the code from your package for a new activation link',
  },
  'handover.imported': { nl: 'importeerde benoemingen uit een bestand', en: 'imported appointments from a file' },
  'handover.import_rejected': {
    nl: 'probeerde benoemingen te importeren, maar het bestand had fouten',
    en: 'tried to import appointments, but the file had errors',
  },
} as const satisfies Catalogue;
