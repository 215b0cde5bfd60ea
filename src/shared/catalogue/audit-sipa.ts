import type { Catalogue } from './types.ts';

/** Audit actions of SIPA's advice requests (a case type). */
export const SIPA_AUDIT_ACTIONS = {
  'sipa.intake_recorded': {
    nl: 'legde het telefonische intakegesprek over uw adviesvraag vast, met wat u samen afsprak',
    en: 'recorded the phone intake on your advice request, with what you agreed together',
  },
  'sipa.details_shared': {
    nl: 'deelde de gegevens van de adviesvraag (signaal, betrokkene en vraag) na het intakegesprek',
    en: 'shared the details of the advice request (signal, person concerned and question) after the intake call',
  },
  'sipa.conflict_confirmed': {
    nl: 'bevestigde dat er geen belangenconflict is bij uw adviesvraag',
    en: 'confirmed there is no conflict of interest in your advice request',
  },
  'sipa.conflict_declared': {
    nl: 'meldde een belangenconflict en gaf uw adviesvraag terug aan SIPA',
    en: 'reported a conflict of interest and handed your advice request back to SIPA',
  },
  'sipa.advice_recorded': { nl: 'schreef het advies op uw adviesvraag', en: 'wrote the advice on your request' },
  'sipa.advice_pdf_downloaded': { nl: 'downloadde het advies als PDF', en: 'downloaded the advice as a PDF' },
  'sipa.person_concerned_read': {
    nl: 'las de gegevens van de betrokkene in uw adviesvraag',
    en: 'read the details of the person concerned in your advice request',
  },
} as const satisfies Catalogue;
