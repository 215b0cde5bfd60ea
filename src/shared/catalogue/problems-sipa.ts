import type { Catalogue } from './types.ts';

/** Problem codes of SIPA's advice requests (a case type). */
export const SIPA_PROBLEMS = {
  capacity_not_held: {
    nl: 'Volgens uw profiel hebt u niet de functie die u koos. Kies een andere rol.',
    en: 'Your profile does not show the office you chose. Choose another role.',
  },
  sipa_intake_first: {
    nl: 'Dit kan pas na het telefonische intakegesprek met een adviseur van SIPA. Stuur tot dan niets vertrouwelijks.',
    en: 'This is only possible after the phone intake with a SIPA advisor. Until then, send nothing confidential.',
  },
  sipa_details_not_agreed: {
    nl: 'In het intakegesprek is afgesproken dat SIPA geen gegevens of stukken van u nodig heeft.',
    en: 'At the intake call it was agreed that SIPA needs no details or documents from you.',
  },
  sipa_details_already_shared: {
    nl: 'U hebt de gegevens al gedeeld. Wilt u iets aanvullen? Schrijf het in een bericht aan uw adviseur.',
    en: 'You have already shared the details. Something to add? Write it in a message to your advisor.',
  },
  sipa_intake_time: {
    nl: 'Vul in wanneer het intakegesprek was: na de adviesvraag en niet in de toekomst.',
    en: 'Enter when the intake call took place: after the request and not in the future.',
  },
} as const satisfies Catalogue;
