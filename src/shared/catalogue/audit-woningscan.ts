import type { Catalogue } from './types.ts';

/** Audit actions of the woningscan and veiligheidsgesprek (a case type), and of its schemes. */
export const WONINGSCAN_AUDIT_ACTIONS = {
  'woningscan.scheme_revised': {
    nl: 'legde een nieuwe versie van een beveiligingsregeling vast',
    en: 'saved a new version of a security scheme',
  },
  'woningscan.person_concerned_read': {
    nl: 'las de gegevens van een betrokkene in uw aanvraag',
    en: 'read the details of a person concerned in your request',
  },
  'woningscan.slots_proposed': {
    nl: 'stelde tijden voor een afspraak voor',
    en: 'proposed times for an appointment',
  },
  'woningscan.slot_picked': { nl: 'koos een tijd voor de afspraak', en: 'picked a time for the appointment' },
  'woningscan.slots_declined': {
    nl: 'gaf aan dat geen van de voorgestelde tijden past',
    en: 'said none of the proposed times suits',
  },
  'woningscan.appointment_moved': { nl: 'verzette de afspraak', en: 'moved the appointment' },
  'woningscan.reschedule_requested': {
    nl: 'vroeg om een andere tijd voor de afspraak',
    en: 'asked for another time for the appointment',
  },
  'woningscan.appointment_cancelled': { nl: 'zegde de afspraak af', en: 'cancelled the appointment' },
  'woningscan.ics_downloaded': {
    nl: 'downloadde de agenda-uitnodiging voor de afspraak',
    en: 'downloaded the calendar invitation for the appointment',
  },
  'woningscan.address_read': { nl: 'las uw woonadres voor het bezoek', en: 'read your home address for the visit' },
  'woningscan.visit_recorded': {
    nl: 'legde vast dat het bezoek heeft plaatsgevonden, en verwijderde uw adres',
    en: 'recorded that the visit took place, and removed your address',
  },
  'woningscan.advice_recorded': {
    nl: 'schreef het veiligheidsadvies na het bezoek',
    en: 'wrote the security advice after the visit',
  },
  'woningscan.advice_pdf_downloaded': {
    nl: 'downloadde het veiligheidsadvies als PDF',
    en: 'downloaded the security advice as a PDF',
  },
  'woningscan.measure_updated': {
    nl: 'werkte de stand van een maatregel bij',
    en: 'updated where a measure stands',
  },
  'woningscan.progress_updated': {
    nl: 'werkte het BVA-advies of het Politiekeurmerk bij',
    en: 'updated the BVA advice or the police label',
  },
} as const satisfies Catalogue;
