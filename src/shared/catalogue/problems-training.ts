import type { Catalogue } from './types.ts';

/** Problem codes of the training module (sessions, enrolment and the waiting list, attendance). */
export const TRAINING_PROBLEMS = {
  already_enrolled: {
    nl: 'U staat al ingeschreven voor deze training (of op de wachtlijst).',
    en: 'You are already enrolled for this training (or on the waiting list).',
  },
  office_not_eligible: {
    nl: 'Deze training is niet bedoeld voor uw functie.',
    en: 'This training is not open to your office.',
  },
  session_cancelled: {
    nl: 'Deze bijeenkomst gaat niet door.',
    en: 'This session has been cancelled.',
  },
  session_started: {
    nl: 'Deze bijeenkomst is al begonnen.',
    en: 'This session has already started.',
  },
  session_not_ended: {
    nl: 'Aanwezigheid legt u vast na afloop van de bijeenkomst.',
    en: 'Attendance is recorded after the session.',
  },
  enrolment_closed: {
    nl: 'Inschrijven voor deze bijeenkomst kan niet meer.',
    en: 'Enrolment for this session has closed.',
  },
  enrolment_ended: {
    nl: 'Deze inschrijving is al beëindigd.',
    en: 'This enrolment has already ended.',
  },
  cancellation_closed: {
    nl: 'Afmelden kan niet meer via Weerbaar. Neem contact op met de trainingscoördinator.',
    en: 'You can no longer cancel in Weerbaar. Please contact the training coordinator.',
  },
  no_seat_yet: {
    nl: 'U hebt nog geen plaats; de agenda-uitnodiging komt als u een plaats hebt.',
    en: 'You do not have a seat yet; the calendar invitation comes once you have one.',
  },
  not_attended: {
    nl: 'Een bewijs van deelname is er alleen als uw aanwezigheid is vastgelegd.',
    en: 'A certificate is only available once your attendance has been recorded.',
  },
  not_a_participant: {
    nl: 'Deze persoon staat niet op de deelnemerslijst.',
    en: 'This person is not on the list of participants.',
  },
  invalid_schedule: {
    nl: 'De tijden van deze bijeenkomst kloppen niet. Kijk de velden na.',
    en: 'The times of this session do not work. Please check the fields.',
  },
  invalid_session: {
    nl: 'Deze wijziging past niet bij de bijeenkomst. Kijk de velden na.',
    en: 'This change does not fit the session. Please check the fields.',
  },
  unknown_offering: {
    nl: 'Deze training bestaat niet.',
    en: 'There is no such training.',
  },
} as const satisfies Catalogue;
