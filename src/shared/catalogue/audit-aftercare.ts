import type { Catalogue } from './types.ts';

/** Audit actions of the aftercare module (nazorg plans, check-ins and their answers). */
export const AFTERCARE_AUDIT_ACTIONS = {
  'aftercare.plan_requested': { nl: 'vroeg om nazorg', en: 'asked for aftercare' },
  'aftercare.plan_opened': {
    nl: 'opende een nazorgplan met uw toestemming',
    en: 'opened an aftercare plan with your consent',
  },
  'aftercare.plan_viewed': { nl: 'bekeek uw nazorgplan', en: 'viewed your aftercare plan' },
  'aftercare.relatives_changed': {
    nl: 'wijzigde wie uit uw gezin meedoet aan de nazorg',
    en: 'changed which family members take part in the aftercare',
  },
  'aftercare.step_updated': {
    nl: 'werkte een stap van het nazorgplan bij',
    en: 'updated a step of the aftercare plan',
  },
  'aftercare.check_in_answered': {
    nl: 'beantwoordde een nazorgvragenlijst',
    en: 'answered an aftercare check-in',
  },
  'aftercare.answers_viewed': {
    nl: 'bekeek uw antwoorden op een nazorgvragenlijst',
    en: 'viewed your answers to an aftercare check-in',
  },
  'aftercare.sharing_changed': {
    nl: 'wijzigde of de antwoorden op de nazorgvragen gedeeld worden',
    en: 'changed whether the aftercare answers are shared',
  },
  'aftercare.referral_offered': {
    nl: 'bood u een verwijzing aan (huisarts, Slachtofferhulp of de expertpool)',
    en: 'offered you a referral (GP, Victim Support or the expert pool)',
  },
  'aftercare.plan_extended': { nl: 'verlengde uw nazorgplan', en: 'extended your aftercare plan' },
  'aftercare.plan_ended': { nl: 'beëindigde uw nazorgplan', en: 'ended your aftercare plan' },
  'aftercare.check_in_missed': {
    nl: 'meldde uw vertrouwenspersoon dat een nazorgvragenlijst open bleef',
    en: 'told your confidant that an aftercare check-in was left open',
  },
} as const satisfies Catalogue;
