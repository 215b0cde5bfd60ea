import { z } from 'zod';
import { isPhoneNumber, normalizePhone, PHONE_INPUT_MAX_LENGTH } from './phone.ts';
import { sensitive } from './sensitive.ts';

/**
 * SIPA (Steunpunt Integriteitsonderzoek Politieke Ambtsdragers): advice requests (case type `sipa`).
 * SIPA advises on how to run a sound integrity investigation; it does not investigate, takes no decisions
 * and accepts no reports. Only the requester and the assigned SIPA advisor ever see a SIPA case.
 *
 * SIPA's own process (domain.md §8): nothing confidential before the first phone contact.
 * 1. The request says who asks (capacity, organisation), the topic, a phone number and good times to call.
 * 2. An advisor takes it and calls: the phone intake. The advisor records that it was held and what was
 *    agreed: the requester shares the details over this secure channel, or the guidance given suffices.
 * 3. Only then may the requester add the signal, the person concerned and documents. The advisor sees the
 *    person concerned and confirms there is no conflict of interest (or hands the request back) first.
 *
 * Routes
 * - POST /api/sipa/requests                          officeholder: ask for a phone intake
 * - POST /api/cases/:caseId/sipa/intake              assigned advisor: the phone intake was held; what follows
 * - PUT  /api/cases/:caseId/sipa/details             requester, after the intake: signal, person, question
 * - POST /api/cases/:caseId/sipa/conflict-check      assigned advisor: no conflict of interest, or hand back
 * - PUT  /api/cases/:caseId/sipa/advice              assigned advisor: structured advice
 * - GET  /api/cases/:caseId/sipa/advice.pdf          requester, assigned advisor: the advice as a PDF
 *
 * The queue (GET /api/cases/queue?type=sipa) shows the phase and the times to call, never content.
 */

/** The case type's key. */
export const SIPA_CASE_TYPE = 'sipa';

export const SIPA_STATUSES = [
  'submitted',
  /** Taken: the advisor calls the requester (the phone intake). */
  'intake_call',
  /** The intake was held and the details agreed: the requester shares them over this channel. */
  'details_requested',
  'conflict_check',
  'in_progress',
  'waiting_for_requester',
  'advised',
  'closed',
] as const;
export type SipaStatus = (typeof SIPA_STATUSES)[number];

export const SIPA_OUTCOMES = ['advice_given', 'information_only', 'no_integrity_matter', 'withdrawn'] as const;

/** The type's own actions on a case, besides the core's (CORE_CASE_ACTIONS in cases.ts). */
export const SIPA_ACTIONS = [
  'record_intake',
  'share_details',
  'conflict_check',
  'record_advice',
  'download_advice',
] as const;

/**
 * not_assigned: in the queue; awaiting_details: taken, no person concerned known yet (before the
 * details); pending: the advisor sees the person concerned and has not yet confirmed; confirmed.
 */
export const SIPA_CONFLICT_CHECK_STATES = ['not_assigned', 'awaiting_details', 'pending', 'confirmed'] as const;
export type SipaConflictCheck = (typeof SIPA_CONFLICT_CHECK_STATES)[number];

export const SIPA_CAPACITIES = [
  'burgemeester',
  'commissaris_van_de_koning',
  'waterschapsvoorzitter',
  /** An office holder acting for a representative body that considers commissioning an investigation. */
  'representative_body',
] as const;
export const REPRESENTATIVE_BODIES = ['gemeenteraad', 'provinciale_staten', 'algemeen_bestuur'] as const;
export const SIPA_TOPICS = [
  'conflict_of_interest',
  'leak_of_confidential_information',
  'undesirable_behaviour',
  'misuse_of_integrity_card',
  'other',
] as const;
export const SIPA_SIGNAL_SOURCES = ['complaint', 'media', 'own_observation', 'anonymous', 'other'] as const;
export const SIPA_SINCE = ['this_week', 'this_month', 'months', 'longer'] as const;
/** Parts of a working day the requester can take the intake call. */
export const SIPA_CALL_TIMES = ['morning', 'afternoon', 'evening'] as const;
/** What was agreed at the phone intake. */
export const SIPA_INTAKE_AGREEMENTS = [
  /** The requester shares the signal, the person concerned and documents here; advice follows. */
  'share_details',
  /** The guidance on the phone suffices: nothing confidential comes here. */
  'guidance_only',
] as const;
export type SipaIntakeAgreement = (typeof SIPA_INTAKE_AGREEMENTS)[number];

export const SIPA_TEXT_MAX_LENGTH = 5_000;
export const SIPA_ORGANISATION_MAX_LENGTH = 200;
export const SIPA_INTAKE_MESSAGE_MAX_LENGTH = 2_000;

/** A number SIPA can call: Dutch or international, by its digits (src/shared/phone.ts), stored as +digits. */
export const sipaPhoneSchema = sensitive(
  z
    .string()
    .trim()
    .max(PHONE_INPUT_MAX_LENGTH)
    .refine(isPhoneNumber, 'a phone number SIPA can call, such as 06 1234 5678 or +31 20 123 4567')
    .transform((typed) => normalizePhone(typed) ?? typed),
);

/** POST /api/sipa/requests: who asks, about what, and how to reach them. Nothing confidential. */
export const sipaRequestSchema = z
  .strictObject({
    capacity: z.enum(SIPA_CAPACITIES),
    /** Required when capacity is `representative_body`. */
    representativeBody: z.enum(REPRESENTATIVE_BODIES).optional(),
    /** The municipality, province or water authority (e.g. "Gemeente Zwolle"). */
    organisation: z.string().trim().min(1).max(SIPA_ORGANISATION_MAX_LENGTH),
    topic: z.enum(SIPA_TOPICS),
    phone: sipaPhoneSchema,
    callTimes: z
      .array(z.enum(SIPA_CALL_TIMES))
      .min(1)
      .max(SIPA_CALL_TIMES.length)
      .refine((times) => new Set(times).size === times.length, 'each time once'),
    /** Ask for the phone intake to be urgent, e.g. a council meeting this week. */
    urgent: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.capacity === 'representative_body' && !value.representativeBody) {
      ctx.addIssue({ code: 'custom', path: ['representativeBody'], message: 'which body you act for' });
    }
    if (value.capacity !== 'representative_body' && value.representativeBody) {
      ctx.addIssue({ code: 'custom', path: ['representativeBody'], message: 'only when acting for a body' });
    }
  });
export type SipaRequest = z.input<typeof sipaRequestSchema>;
export type SipaRequestParsed = z.output<typeof sipaRequestSchema>;

export const sipaRequestResponseSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  urgency: z.enum(['urgent', 'normal']),
});

export const sipaSignalSchema = z.strictObject({
  what: z.string().trim().min(1).max(SIPA_TEXT_MAX_LENGTH),
  since: z.enum(SIPA_SINCE),
  source: z.enum(SIPA_SIGNAL_SOURCES),
});

/** Minimal on purpose: a name and a position. Encrypted; shown only to the requester and the assigned advisor. */
export const sipaPersonConcernedSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  position: z.string().trim().min(1).max(200),
});

/** PUT /api/cases/:caseId/sipa/details: only after the phone intake agreed on it. Encrypted at rest. */
export const sipaDetailsSchema = z.strictObject({
  signal: sensitive(sipaSignalSchema),
  personConcerned: sensitive(sipaPersonConcernedSchema),
  answers: sensitive(
    z.strictObject({
      doneSoFar: z.string().trim().max(SIPA_TEXT_MAX_LENGTH),
      question: z.string().trim().min(1).max(SIPA_TEXT_MAX_LENGTH),
    }),
  ),
});
export type SipaDetails = z.infer<typeof sipaDetailsSchema>;

/** POST /api/cases/:caseId/sipa/intake: the phone intake was held (not in the future), and what follows. */
export const sipaRecordIntakeSchema = z.strictObject({
  heldAt: z.iso.datetime({ offset: true }),
  agreement: z.enum(SIPA_INTAKE_AGREEMENTS),
  /** What was agreed, in words for the requester (it shows on their case page). Encrypted at rest. */
  message: sensitive(z.string().trim().max(SIPA_INTAKE_MESSAGE_MAX_LENGTH)),
});
export type SipaRecordIntake = z.infer<typeof sipaRecordIntakeSchema>;

export const sipaIntakeSchema = z.object({
  type: z.literal('sipa'),
  capacity: z.enum(SIPA_CAPACITIES),
  actingForBody: z.boolean(),
  representativeBody: z.enum(REPRESENTATIVE_BODIES).nullable(),
  /** Null for a request made before the phone-intake process (it asked for no organisation). */
  organisation: z.string().nullable(),
  topic: z.enum(SIPA_TOPICS),
  /** Null for a request made before the phone-intake process (it asked for no number). */
  phone: sensitive(z.string().nullable()),
  callTimes: z.array(z.enum(SIPA_CALL_TIMES)),
  /** Null until the requester shared the details (after the phone intake). */
  signal: sensitive(
    z.object({ what: z.string(), since: z.enum(SIPA_SINCE), source: z.enum(SIPA_SIGNAL_SOURCES) }).nullable(),
  ),
  /** Null for anyone but the requester and the assigned advisor, and before the details. */
  personConcerned: sensitive(z.object({ name: z.string(), position: z.string() }).nullable()),
  answers: sensitive(z.object({ doneSoFar: z.string(), question: z.string() }).nullable()),
});

/** The phone intake as the requester and the assigned advisor see it. */
export const sipaPhoneIntakeSchema = z.object({
  /** done: held (or, for a request from before this process, taken as held: `heldAt` is then null). */
  state: z.enum(['pending', 'done']),
  heldAt: z.iso.datetime().nullable(),
  agreement: z.enum(SIPA_INTAKE_AGREEMENTS).nullable(),
  /** Null for anyone who may not read the intake, and when nothing was written. */
  message: sensitive(z.string().nullable()),
  detailsSharedAt: z.iso.datetime().nullable(),
});
export type SipaPhoneIntake = z.infer<typeof sipaPhoneIntakeSchema>;

// ---------------------------------------------------------------------------------------------------
// Conflict of interest check and advice
// ---------------------------------------------------------------------------------------------------

/** POST /api/cases/:caseId/sipa/conflict-check */
export const sipaConflictCheckSchema = z.strictObject({ decision: z.enum(['no_conflict', 'conflict']) });

const adviceText = z.string().trim().max(SIPA_TEXT_MAX_LENGTH);

/**
 * PUT /api/cases/:caseId/sipa/advice. Each section is the advisor's text; empty sections are left out of
 * the PDF. Encrypted at rest.
 */
export const sipaAdviceSchema = z.strictObject({
  /** Whether and how to hold a preliminary inquiry (vooronderzoek). */
  preliminaryInquiry: adviceText,
  /** The assignment (opdracht) and its research questions. */
  assignment: adviceText,
  researchQuestions: z.array(z.string().trim().min(1).max(1_000)).max(20),
  /** Choosing an independent investigator (bureau). */
  investigatorChoice: adviceText,
  /** Safeguards: hearing both sides (hoor en wederhoor), privacy of the person concerned. */
  safeguards: adviceText,
  privacy: adviceText,
  communication: adviceText,
});
export type SipaAdvice = z.infer<typeof sipaAdviceSchema>;
export const recordSipaAdviceSchema = z.strictObject({ advice: sensitive(sipaAdviceSchema) });

/**
 * The SIPA part of GET /api/cases/:caseId (`typeDetail`). `intake`, `advice` and the intake's message are
 * null for anyone who may not read the intake.
 */
export const sipaTypeDetailSchema = z.object({
  intake: sensitive(sipaIntakeSchema.nullable()),
  /** pending: the assigned advisor has not yet confirmed the absence of a conflict of interest. */
  conflictCheck: z.enum(SIPA_CONFLICT_CHECK_STATES),
  phoneIntake: sipaPhoneIntakeSchema,
  advice: sensitive(sipaAdviceSchema.nullable()),
  adviceIssuedAt: z.iso.datetime().nullable(),
});
export type SipaTypeDetail = z.infer<typeof sipaTypeDetailSchema>;
export type SipaIntake = z.infer<typeof sipaIntakeSchema>;

/** The SIPA part of a case's detail, or null for a case of another type. */
export function sipaDetailOf(detail: { type: string; typeDetail: unknown }): SipaTypeDetail | null {
  return detail.type === SIPA_CASE_TYPE ? (detail.typeDetail as SipaTypeDetail) : null;
}
