import type { Catalogue } from './types.ts';

/** Problem codes of the case core (every case type): its steps, permissions and attachments. */
export const CASES_PROBLEMS = {
  case_state: {
    nl: 'Dit kan nu niet meer: de zaak is intussen veranderd. De pagina is bijgewerkt.',
    en: 'This is no longer possible: the case has changed in the meantime. The page has been updated.',
  },
  transition_not_allowed: {
    nl: 'Deze stap kan nu niet. De pagina is bijgewerkt.',
    en: 'This step is not possible now. The page has been updated.',
  },
  outcome_not_allowed: { nl: 'Deze uitkomst past niet bij deze zaak.', en: 'This outcome does not fit this case.' },
  already_assigned: {
    nl: 'Iemand anders heeft deze zaak net opgepakt.',
    en: 'Someone else has just taken this case.',
  },
  assignee_not_eligible: {
    nl: 'Deze persoon kan deze zaak niet krijgen. Kies iemand anders.',
    en: 'This person cannot be given this case. Choose someone else.',
  },
  reference_mismatch: {
    nl: 'Het kenmerk klopt niet. Typ het kenmerk precies over.',
    en: 'The reference does not match. Type the reference exactly.',
  },
  grant_exists: {
    nl: 'Deze persoon is al voorgesteld of kijkt al mee.',
    en: 'This person has already been suggested or is already involved.',
  },
  grant_state: {
    nl: 'Dit kan niet meer: de toestemming is intussen veranderd.',
    en: 'This is no longer possible: the consent has changed in the meantime.',
  },
  grantee_not_eligible: {
    nl: 'Deze persoon kan niet worden voorgesteld. Kies iemand anders.',
    en: 'This person cannot be suggested. Choose someone else.',
  },
  scope_not_proposed: {
    nl: 'U kunt alleen delen wat is gevraagd, of minder.',
    en: 'You can only share what was asked for, or less.',
  },
  attachment_missing: { nl: 'Kies eerst een bestand.', en: 'Choose a file first.' },
  attachment_unreadable: {
    nl: 'Het bestand is beschadigd of kan niet worden gelezen.',
    en: 'The file is damaged or cannot be read.',
  },
  attachment_too_large: {
    nl: 'Het bestand is groter dan 10 MB. Kies een kleiner bestand.',
    en: 'The file is larger than 10 MB. Choose a smaller file.',
  },
  attachment_too_many_pixels: {
    nl: 'De afbeelding is te groot. Verklein de afbeelding en probeer het opnieuw.',
    en: 'The image is too large. Make it smaller and try again.',
  },
  attachment_type_not_allowed: {
    nl: 'Dit soort bestand kan niet. Kies een PDF, PNG, JPG, tekstbestand (TXT) of Word-bestand (DOCX).',
    en: 'This kind of file is not possible. Choose a PDF, PNG, JPG, text file (TXT) or Word file (DOCX).',
  },
  attachment_type_mismatch: {
    nl: 'De naam van het bestand past niet bij de inhoud. Kies een ander bestand.',
    en: 'The file name does not match its content. Choose another file.',
  },
  too_many_requests: {
    nl: 'U hebt de laatste tijd veel aanvragen gedaan. Daarom kunt u nu even geen nieuwe aanvraag doen. Acute dreiging? Bel 112. Het Ondersteuningsteam is dag en nacht bereikbaar op 070 373 83 14.',
    en: 'You have made many requests recently, so you cannot make a new one just now. Acute threat? Call 112. The Ondersteuningsteam is reachable day and night on 070 373 83 14.',
  },
  case_attachments_full: {
    nl: 'Er is niet genoeg ruimte meer in deze zaak voor dit bestand.',
    en: 'There is not enough space left in this case for this file.',
  },
} as const satisfies Catalogue;
