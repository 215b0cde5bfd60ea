import type { Catalogue } from './types.ts';

/** Problem codes of the aftercare module (nazorg). */
export const AFTERCARE_PROBLEMS = {
  aftercare_plan_exists: {
    nl: 'Bij deze aanvraag loopt al een nazorgplan.',
    en: 'There is already an aftercare plan for this request.',
  },
  aftercare_plan_ended: {
    nl: 'Dit nazorgplan is afgelopen. Vraag opnieuw om nazorg als u dat wilt.',
    en: 'This aftercare plan has ended. Ask for aftercare again if you wish.',
  },
  aftercare_plan_not_active: {
    nl: 'Het nazorgplan is nog niet gestart.',
    en: 'The aftercare plan has not started yet.',
  },
  aftercare_not_answerable: {
    nl: 'Deze vragenlijst kunt u nu niet (meer) invullen.',
    en: 'This check-in cannot be answered (any more).',
  },
  aftercare_unknown_relative: {
    nl: 'Deze persoon staat niet bij uw naasten.',
    en: 'This person is not one of your relatives.',
  },
  aftercare_unknown_participant: {
    nl: 'Deze persoon doet niet mee aan dit nazorgplan.',
    en: 'This person does not take part in this aftercare plan.',
  },
  aftercare_incident_not_shared: {
    nl: 'Dit incident is niet met deze aanvraag gedeeld.',
    en: 'This incident has not been shared with this request.',
  },
  aftercare_case_without_requester: {
    nl: 'Bij deze aanvraag hoort geen persoon meer; nazorg is niet mogelijk.',
    en: 'This request no longer has a person; aftercare is not possible.',
  },
} as const satisfies Catalogue;
