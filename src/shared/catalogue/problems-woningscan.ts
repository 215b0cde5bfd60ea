import type { Catalogue } from './types.ts';

/** Problem codes of the woningscan and veiligheidsgesprek (a case type), and of its schemes. */
export const WONINGSCAN_PROBLEMS = {
  woningscan_not_eligible: {
    nl: 'Voor uw functie is er op dit moment geen regeling voor een bezoek van het CCV. Bekijk de andere mogelijkheden op de pagina.',
    en: 'There is currently no scheme for a CCV visit for your office. See the other options on the page.',
  },
  woningscan_request_open: {
    nl: 'U hebt al een aanvraag voor een woningscan die nog loopt. Kijk bij Mijn zaken.',
    en: 'You already have a home scan request that is still open. See My cases.',
  },
  woningscan_date_in_past: {
    nl: 'Deze datum ligt in het verleden. Kies een datum vanaf vandaag.',
    en: 'This date is in the past. Choose a date from today.',
  },
  woningscan_date_in_future: {
    nl: 'Deze datum ligt in de toekomst. Kies vandaag of een eerdere datum.',
    en: 'This date is in the future. Choose today or an earlier date.',
  },
  woningscan_end_before_start: {
    nl: 'Het einde ligt voor het begin. Kies een einde na het begin.',
    en: 'The end is before the start. Choose an end after the start.',
  },
  woningscan_slot_not_open: {
    nl: 'Deze tijd is niet meer beschikbaar. De pagina is bijgewerkt.',
    en: 'This time is no longer available. The page has been updated.',
  },
  woningscan_no_appointment: {
    nl: 'Er is geen afspraak. De pagina is bijgewerkt.',
    en: 'There is no appointment. The page has been updated.',
  },
  woningscan_slots_overlap: {
    nl: 'Twee voorgestelde tijden overlappen. Kies tijden die elkaar niet overlappen.',
    en: 'Two proposed times overlap. Choose times that do not overlap.',
  },
  woningscan_scheme_missing: {
    nl: 'Deze regeling bestaat niet. De pagina is bijgewerkt.',
    en: 'This scheme does not exist. The page has been updated.',
  },
} as const satisfies Catalogue;
