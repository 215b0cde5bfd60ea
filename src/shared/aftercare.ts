import { z } from 'zod';
import { sensitive } from './sensitive.ts';
import { supportContactSchema } from './support.ts';

/**
 * Nazorg (aftercare, domain.md §7): practical support and watchful waiting over weeks after an incident,
 * for the office holder and the relatives they choose. Never psychological debriefing, never probing for
 * feelings: a checklist of practical steps and a few calm check-in questions, each answerable with "ik
 * beantwoord dit liever niet" (`prefer_not`). No clinical scores. When answers suggest ongoing trouble
 * (AFTERCARE_SIGNAL_RULES, server side), the assigned confidant is prompted to offer a referral.
 *
 * Who is who
 * - the person: the requester of the support case the plan is opened on (officeholder or relative);
 * - relatives: relative accounts linked to the person that the person includes; each gets their own
 *   check-ins, and their answers are theirs (the person sees them only when the relative shares);
 * - the confidant: the confidant assigned to the support case (read at each request, not copied).
 * Admins never see a plan. Missing and forbidden answer the same 404.
 *
 * Routes (all JSON; 401 without a session, 400 bad input with field messages, 404 missing or not yours)
 * - POST  /api/aftercare/cases/:caseId/plan              assigned confidant: open the plan on a support case
 *                                                         (also accepts a plan the person asked for).
 *                                                         Body openAftercarePlanSchema → 201 aftercareStaffPlanResponseSchema
 * - GET   /api/aftercare/cases/:caseId/plan              assigned confidant: the plan with check-in states and
 *                                                         referral prompts (audited) → aftercareStaffPlanResponseSchema
 *                                                         (`plan: null` when the case has none)
 * - POST  /api/aftercare/requests                        officeholder, relative: ask for aftercare yourself.
 *                                                         Body aftercareRequestSchema → 201 aftercareRequestResponseSchema.
 *                                                         With `caseId` (your own support case) the request
 *                                                         attaches to that case; without, a new support case is
 *                                                         opened (situation `other`, your contact choice) and
 *                                                         routed like any support request. Either way the plan
 *                                                         waits as `requested` until a confidant opens it.
 * - GET   /api/aftercare/me                              officeholder, relative: the plans you take part in,
 *                                                         your check-ins and steps → myAftercareResponseSchema
 * - PUT   /api/aftercare/plans/:planId/relatives         the person: which of your relatives are included.
 *                                                         Body setAftercareRelativesSchema → 200 myAftercareResponseSchema
 * - PATCH /api/aftercare/plans/:planId/steps/:stepId     the step's owner, the person, the confidant: tick a step.
 *                                                         Body updateAftercareStepSchema → 200 aftercareStepSchema
 * - POST  /api/aftercare/check-ins/:checkInId/answers    the participant whose check-in it is: answer once.
 *                                                         Body aftercareAnswersSchema → 200 answerAftercareResponseSchema
 * - GET   /api/aftercare/check-ins/:checkInId/answers    who answered; the confidant (audited); the person for a
 *                                                         relative who shares (audited) → aftercareAnswersResponseSchema
 * - PUT   /api/aftercare/plans/:planId/sharing           an included relative: share your answers with the person.
 *                                                         Body aftercareSharingSchema → 200 myAftercareResponseSchema
 * - POST  /api/aftercare/plans/:planId/referrals         the confidant: offer a referral to one participant.
 *                                                         Body offerAftercareReferralSchema → 200 aftercareStaffPlanResponseSchema
 * - POST  /api/aftercare/plans/:planId/extend            the confidant: one more check-in moment.
 *                                                         Body extendAftercarePlanSchema → 200 aftercareStaffPlanResponseSchema
 * - POST  /api/aftercare/plans/:planId/end               the confidant or the person: end the plan now.
 *                                                         Body endAftercarePlanSchema → 200 { status: 'ended' }
 *
 * Notifications (GET /api/me/notifications): `aftercare_check_in_due`, `aftercare_check_in_reminder` (the
 * participant), `aftercare_check_in_missed`, `aftercare_referral_prompt`, `aftercare_requested` (the confidant),
 * `aftercare_referral_offered` (the participant), `aftercare_plan_opened` (the person), `aftercare_plan_ended`
 * (every participant). The mail that goes with them is a notice and a link.
 * Check-ins move by a sweep every minute (pg-boss cron; every 2 s on a server with TEST_CLOCK_FILE, for e2e).
 */

export const AFTERCARE_PLAN_STATUSES = ['requested', 'active', 'ended'] as const;
export type AftercarePlanStatus = (typeof AFTERCARE_PLAN_STATUSES)[number];

/** `completed`: the plan ended by itself after its last check-in (the sweep). */
export const AFTERCARE_END_REASONS = [
  'recovered',
  'referred',
  'person_stopped',
  'no_response',
  'other',
  'completed',
] as const;
export type AftercareEndReason = (typeof AFTERCARE_END_REASONS)[number];

/** How the person's consent was obtained when the confidant opens the plan (recorded with time and by whom). */
export const AFTERCARE_CONSENT_VIA = ['conversation', 'phone', 'case_message', 'in_person', 'person_asked'] as const;
export type AftercareConsentVia = (typeof AFTERCARE_CONSENT_VIA)[number];

// ---------------------------------------------------------------------------------------------------
// Practical steps
// ---------------------------------------------------------------------------------------------------

export const AFTERCARE_STEP_TOPICS = [
  'safety_at_home',
  'melding_aangifte',
  'employer',
  'online_findability',
  'family',
  'other',
] as const;
export type AftercareStepTopic = (typeof AFTERCARE_STEP_TOPICS)[number];

/** Who does a step. `relative` names the included relative by their person id (`ownerRelativeId`). */
export const AFTERCARE_STEP_OWNERS = ['person', 'confidant', 'relative'] as const;
export type AftercareStepOwner = (typeof AFTERCARE_STEP_OWNERS)[number];

export const AFTERCARE_STEP_NOTE_MAX_LENGTH = 500;
export const AFTERCARE_MAX_STEPS = 20;

const isoDate = z.iso.date();

export const aftercareStepInputSchema = z
  .strictObject({
    topic: z.enum(AFTERCARE_STEP_TOPICS),
    /** What exactly, in the confidant's words (encrypted at rest). */
    note: sensitive(z.string().trim().max(AFTERCARE_STEP_NOTE_MAX_LENGTH).optional()),
    owner: z.enum(AFTERCARE_STEP_OWNERS),
    /** Required when owner is `relative`; must be a relative of the person (404-free: 400 on the field). */
    ownerRelativeId: z.uuid().optional(),
    dueOn: isoDate.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.owner === 'relative' && !value.ownerRelativeId) {
      ctx.addIssue({ code: 'custom', path: ['ownerRelativeId'], message: 'which relative does this step' });
    }
    if (value.owner !== 'relative' && value.ownerRelativeId) {
      ctx.addIssue({ code: 'custom', path: ['ownerRelativeId'], message: 'only for a step a relative does' });
    }
  });
export type AftercareStepInput = z.infer<typeof aftercareStepInputSchema>;

export const aftercareStepSchema = z.object({
  id: z.uuid(),
  topic: z.enum(AFTERCARE_STEP_TOPICS),
  note: sensitive(z.string().nullable()),
  owner: z.enum(AFTERCARE_STEP_OWNERS),
  ownerRelativeId: z.uuid().nullable(),
  dueOn: isoDate.nullable(),
  doneAt: z.iso.datetime().nullable(),
});
export type AftercareStep = z.infer<typeof aftercareStepSchema>;

/** PATCH …/steps/:stepId */
export const updateAftercareStepSchema = z.strictObject({ done: z.boolean() });

// ---------------------------------------------------------------------------------------------------
// Check-in questions
// ---------------------------------------------------------------------------------------------------

/** "Ik beantwoord dit liever niet": every question accepts it, and it never counts as a signal. */
export const PREFER_NOT = 'prefer_not' as const;

/** How sleep, work and family are going: plain words, no scale, no score. */
export const AFTERCARE_GOING_OPTIONS = ['well', 'mixed', 'hard', PREFER_NOT] as const;
export type AftercareGoing = (typeof AFTERCARE_GOING_OPTIONS)[number];

export const AFTERCARE_YES_NO_OPTIONS = ['yes', 'no', PREFER_NOT] as const;
export type AftercareYesNo = (typeof AFTERCARE_YES_NO_OPTIONS)[number];

/** The questions, in the order the app asks them, with their answer options. */
export const AFTERCARE_QUESTIONS = {
  sleep: AFTERCARE_GOING_OPTIONS,
  work: AFTERCARE_GOING_OPTIONS,
  family: AFTERCARE_GOING_OPTIONS,
  /** Is anything new happening (a new incident, threat, unwanted attention)? */
  newEvents: AFTERCARE_YES_NO_OPTIONS,
  /** Would you like contact with your confidant? */
  wantsContact: AFTERCARE_YES_NO_OPTIONS,
} as const;
export type AftercareQuestion = keyof typeof AFTERCARE_QUESTIONS;
export const AFTERCARE_QUESTION_KEYS = Object.keys(AFTERCARE_QUESTIONS) as AftercareQuestion[];

export const AFTERCARE_NOTE_MAX_LENGTH = 2_000;

/** POST /api/aftercare/check-ins/:checkInId/answers. Encrypted at rest (health data). */
export const aftercareAnswersSchema = z.strictObject({
  sleep: z.enum(AFTERCARE_GOING_OPTIONS),
  work: z.enum(AFTERCARE_GOING_OPTIONS),
  family: z.enum(AFTERCARE_GOING_OPTIONS),
  newEvents: z.enum(AFTERCARE_YES_NO_OPTIONS),
  wantsContact: z.enum(AFTERCARE_YES_NO_OPTIONS),
  /** Anything else, in the person's own words; optional. */
  note: sensitive(z.string().trim().max(AFTERCARE_NOTE_MAX_LENGTH).optional()),
});
export type AftercareAnswers = z.infer<typeof aftercareAnswersSchema>;

// ---------------------------------------------------------------------------------------------------
// Signals and referral
// ---------------------------------------------------------------------------------------------------

/** Why the confidant is prompted: the keys of the server's rule table (rules as data, tested). */
export const AFTERCARE_SIGNALS = ['new_events', 'wants_contact', 'sleep_hard_twice', 'hard_everywhere'] as const;
export type AftercareSignal = (typeof AFTERCARE_SIGNALS)[number];

/** Where a person can be referred: their GP, Slachtofferhulp Nederland, the team's expert pool. */
export const AFTERCARE_REFERRAL_OPTIONS = ['huisarts', 'slachtofferhulp', 'expert_pool'] as const;
export type AftercareReferralOption = (typeof AFTERCARE_REFERRAL_OPTIONS)[number];

/** POST /api/aftercare/plans/:planId/referrals */
export const offerAftercareReferralSchema = z.strictObject({
  /** The participant (the person or an included relative), by person id. */
  participantId: z.uuid(),
  options: z
    .array(z.enum(AFTERCARE_REFERRAL_OPTIONS))
    .min(1)
    .max(AFTERCARE_REFERRAL_OPTIONS.length)
    .refine((list) => new Set(list).size === list.length, 'each option once'),
});

export const aftercareReferralSchema = z.object({
  options: z.array(z.enum(AFTERCARE_REFERRAL_OPTIONS)),
  offeredAt: z.iso.datetime(),
});

// ---------------------------------------------------------------------------------------------------
// Check-ins
// ---------------------------------------------------------------------------------------------------

/**
 * `scheduled`: not yet due; `due`: delivered, waiting for answers; `reminded`: the one reminder went out;
 * `missed`: no answer after the reminder, the confidant was told (the participant may still answer);
 * `answered`; `cancelled`: the plan ended or the participant left before it was due.
 */
export const AFTERCARE_CHECK_IN_STATES = ['scheduled', 'due', 'reminded', 'missed', 'answered', 'cancelled'] as const;
export type AftercareCheckInState = (typeof AFTERCARE_CHECK_IN_STATES)[number];

/** The states in which the participant can answer. */
export const AFTERCARE_ANSWERABLE_STATES = ['due', 'reminded', 'missed'] as const;

export const aftercareCheckInSchema = z.object({
  id: z.uuid(),
  /** 1 for the first moment (about a week), 2 for the second (about four weeks), 3+ after extending. */
  sequence: z.number().int().positive(),
  dueAt: z.iso.datetime(),
  state: z.enum(AFTERCARE_CHECK_IN_STATES),
  answeredAt: z.iso.datetime().nullable(),
});
export type AftercareCheckIn = z.infer<typeof aftercareCheckInSchema>;

export const answerAftercareResponseSchema = z.object({
  checkIn: aftercareCheckInSchema,
  /** The options to show now when these answers (with earlier ones) suggest ongoing trouble; else null. */
  referralSuggested: z.object({ options: z.array(z.enum(AFTERCARE_REFERRAL_OPTIONS)) }).nullable(),
});

export const aftercareAnswersResponseSchema = z.object({
  checkInId: z.uuid(),
  answeredAt: z.iso.datetime(),
  answers: sensitive(aftercareAnswersSchema.required({ note: true }).extend({ note: z.string().nullable() })),
});
export type AftercareAnswersView = z.infer<typeof aftercareAnswersResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------------

export const AFTERCARE_EXTEND_MAX_DAYS = 90;

/** POST /api/aftercare/cases/:caseId/plan */
export const openAftercarePlanSchema = z.strictObject({
  consent: z.strictObject({ via: z.enum(AFTERCARE_CONSENT_VIA) }),
  /** The person's incident this plan follows (theirs, and shared with this case); optional. */
  incidentId: z.uuid().optional(),
  steps: z.array(aftercareStepInputSchema).max(AFTERCARE_MAX_STEPS).default([]),
});
export type OpenAftercarePlan = z.infer<typeof openAftercarePlanSchema>;

/** POST /api/aftercare/plans/:planId/extend: one more check-in this many days from now. */
export const extendAftercarePlanSchema = z.strictObject({
  afterDays: z.number().int().min(1).max(AFTERCARE_EXTEND_MAX_DAYS),
});

/** POST /api/aftercare/plans/:planId/end */
export const endAftercarePlanSchema = z.strictObject({ reason: z.enum(AFTERCARE_END_REASONS) });

/** PUT /api/aftercare/plans/:planId/relatives: the relatives (person ids) to include; others leave. */
export const setAftercareRelativesSchema = z.strictObject({
  relativeIds: z
    .array(z.uuid())
    .max(20)
    .refine((list) => new Set(list).size === list.length, 'each relative once'),
});

/** PUT /api/aftercare/plans/:planId/sharing (an included relative) */
export const aftercareSharingSchema = z.strictObject({ shareAnswersWithPerson: z.boolean() });

/** POST /api/aftercare/requests */
export const aftercareRequestSchema = z
  .strictObject({
    /** Your own support case to attach the request to. */
    caseId: z.uuid().optional(),
    /** Your incident the aftercare is about; optional. */
    incidentId: z.uuid().optional(),
    /** How to reach you, when no case is given (a new support case is opened). */
    contact: supportContactSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.caseId && !value.contact) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: 'how the team can reach you' });
    }
  });
export type AftercareRequest = z.infer<typeof aftercareRequestSchema>;

export const aftercareRequestResponseSchema = z.object({
  planId: z.uuid(),
  caseId: z.uuid(),
  reference: z.string(),
  status: z.enum(AFTERCARE_PLAN_STATUSES),
});

export const AFTERCARE_PARTICIPANT_ROLES = ['person', 'relative'] as const;
export type AftercareParticipantRole = (typeof AFTERCARE_PARTICIPANT_ROLES)[number];

/** A participant as the confidant sees them: states and prompts, never answers (those are fetched, audited). */
export const aftercareStaffParticipantSchema = z.object({
  personId: z.uuid(),
  role: z.enum(AFTERCARE_PARTICIPANT_ROLES),
  displayName: z.string(),
  checkIns: z.array(aftercareCheckInSchema),
  /** Non-empty: the rules found signs of ongoing trouble; offer a referral. Cleared by offering one. */
  prompt: z.object({ signals: z.array(z.enum(AFTERCARE_SIGNALS)), since: z.iso.datetime() }).nullable(),
  referral: aftercareReferralSchema.nullable(),
});

export const aftercareStaffPlanSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  incidentId: z.uuid().nullable(),
  status: z.enum(AFTERCARE_PLAN_STATUSES),
  requestedAt: z.iso.datetime().nullable(),
  startedAt: z.iso.datetime().nullable(),
  /** When the plan ends by itself unless extended (the last check-in plus the settings' grace). */
  endsAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  endReason: z.enum(AFTERCARE_END_REASONS).nullable(),
  consent: z.object({ via: z.enum(AFTERCARE_CONSENT_VIA), recordedAt: z.iso.datetime() }).nullable(),
  steps: z.array(aftercareStepSchema),
  participants: z.array(aftercareStaffParticipantSchema),
  referralOptions: z.array(z.enum(AFTERCARE_REFERRAL_OPTIONS)),
});
export type AftercareStaffPlan = z.infer<typeof aftercareStaffPlanSchema>;

export const aftercareStaffPlanResponseSchema = z.object({ plan: aftercareStaffPlanSchema.nullable() });

/** A relative as the person sees them in their plan: included or not, and shared check-ins. */
export const myAftercareRelativeSchema = z.object({
  personId: z.uuid(),
  displayName: z.string(),
  included: z.boolean(),
  /** The relative shares their answers with you: ids of their answered check-ins you may open. */
  sharedCheckIns: z.array(aftercareCheckInSchema),
});

export const myAftercarePlanSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  incidentId: z.uuid().nullable(),
  status: z.enum(AFTERCARE_PLAN_STATUSES),
  /** Your part in it. */
  role: z.enum(AFTERCARE_PARTICIPANT_ROLES),
  startedAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  /** The person sees every step; a relative only theirs. */
  steps: z.array(aftercareStepSchema),
  checkIns: z.array(aftercareCheckInSchema),
  /** Your own signals suggest ongoing trouble: show these options (always with the team's number). */
  referralSuggested: z.object({ options: z.array(z.enum(AFTERCARE_REFERRAL_OPTIONS)) }).nullable(),
  /** What your confidant offered you. */
  referral: aftercareReferralSchema.nullable(),
  /** The person: their relatives (included or not). A relative: empty. */
  relatives: z.array(myAftercareRelativeSchema),
  /** A relative: whether you share your answers with the person. The person: null. */
  sharesAnswersWithPerson: z.boolean().nullable(),
});
export type MyAftercarePlan = z.infer<typeof myAftercarePlanSchema>;

export const myAftercareResponseSchema = z.object({ plans: z.array(myAftercarePlanSchema) });
export type MyAftercare = z.infer<typeof myAftercareResponseSchema>;

export const endAftercarePlanResponseSchema = z.object({ status: z.literal('ended') });

/** Notification kinds the aftercare module sends (described through app.notifications.describeSubjects). */
export const AFTERCARE_NOTIFICATION_KINDS = [
  'aftercare_requested',
  'aftercare_plan_opened',
  'aftercare_check_in_due',
  'aftercare_check_in_reminder',
  'aftercare_check_in_missed',
  'aftercare_referral_prompt',
  'aftercare_referral_offered',
  'aftercare_plan_ended',
] as const;
export type AftercareNotificationKind = (typeof AFTERCARE_NOTIFICATION_KINDS)[number];

/**
 * The subject of every aftercare notification: the plan (`{ type: 'aftercare_plan', id: planId }`). Its
 * description gives `reference` (the case reference), `subtype` null, and `view`: `mine` (open
 * /api/aftercare/me) for a participant, `staff` (open the case's plan) for the confidant.
 */
export const AFTERCARE_SUBJECT_TYPE = 'aftercare_plan';
export const AFTERCARE_SUBJECT_VIEWS = ['mine', 'staff'] as const;

export const aftercareCaseParamsSchema = z.object({ caseId: z.uuid() });
export const aftercarePlanParamsSchema = z.object({ planId: z.uuid() });
export const aftercareStepParamsSchema = z.object({ planId: z.uuid(), stepId: z.uuid() });
export const aftercareCheckInParamsSchema = z.object({ checkInId: z.uuid() });
