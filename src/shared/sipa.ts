import { z } from 'zod';
import { sensitive } from './sensitive.ts';

/**
 * SIPA (Steunpunt Integriteitsonderzoek Politieke Ambtsdragers): advice requests (case type `sipa`).
 * SIPA advises on how to run a sound integrity investigation; it does not investigate, takes no decisions
 * and accepts no reports. Only the requester and the assigned SIPA advisor ever see a SIPA case.
 *
 * Routes
 * - POST /api/sipa/requests                          officeholder (burgemeester, CdK, waterschap chair, or
 *                                                    acting for a council / States / AB): ask for advice
 * - POST /api/cases/:caseId/sipa/conflict-check      assigned advisor: no conflict of interest, or hand back
 * - PUT  /api/cases/:caseId/sipa/advice              assigned advisor: structured advice
 * - GET  /api/cases/:caseId/sipa/advice.pdf          requester, assigned advisor: the advice as a PDF
 *
 * The queue (GET /api/cases/queue?type=sipa) never shows the person concerned. An advisor who takes a
 * request (POST /api/cases/:caseId/take) sees the name and must confirm there is no conflict of interest
 * before doing anything else, or hand it back; both are audited.
 */

/** The case type's key. */
export const SIPA_CASE_TYPE = 'sipa';

export const SIPA_STATUSES = [
  'submitted',
  'conflict_check',
  'in_progress',
  'waiting_for_requester',
  'advised',
  'closed',
] as const;
export type SipaStatus = (typeof SIPA_STATUSES)[number];

export const SIPA_OUTCOMES = ['advice_given', 'information_only', 'no_integrity_matter', 'withdrawn'] as const;

/** The type's own actions on a case, besides the core's (CORE_CASE_ACTIONS in cases.ts). */
export const SIPA_ACTIONS = ['conflict_check', 'record_advice', 'download_advice'] as const;

export const SIPA_CONFLICT_CHECK_STATES = ['not_assigned', 'pending', 'confirmed'] as const;
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

export const SIPA_TEXT_MAX_LENGTH = 5_000;

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

/** POST /api/sipa/requests */
export const sipaRequestSchema = z
  .strictObject({
    capacity: z.enum(SIPA_CAPACITIES),
    /** Required when capacity is `representative_body`. */
    representativeBody: z.enum(REPRESENTATIVE_BODIES).optional(),
    topic: z.enum(SIPA_TOPICS),
    signal: sensitive(sipaSignalSchema),
    personConcerned: sensitive(sipaPersonConcernedSchema),
    answers: sensitive(
      z.strictObject({
        doneSoFar: z.string().trim().max(SIPA_TEXT_MAX_LENGTH),
        question: z.string().trim().min(1).max(SIPA_TEXT_MAX_LENGTH),
      }),
    ),
    /** Ask for the (phone) intake to be urgent, e.g. a council meeting this week. */
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
export type SipaRequest = z.infer<typeof sipaRequestSchema>;

export const sipaRequestResponseSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  urgency: z.enum(['urgent', 'normal']),
});

export const sipaIntakeSchema = z.object({
  type: z.literal('sipa'),
  capacity: z.enum(SIPA_CAPACITIES),
  actingForBody: z.boolean(),
  representativeBody: z.enum(REPRESENTATIVE_BODIES).nullable(),
  topic: z.enum(SIPA_TOPICS),
  signal: sensitive(z.object({ what: z.string(), since: z.enum(SIPA_SINCE), source: z.enum(SIPA_SIGNAL_SOURCES) })),
  /** Null for anyone but the requester and the assigned advisor. */
  personConcerned: sensitive(z.object({ name: z.string(), position: z.string() }).nullable()),
  answers: sensitive(z.object({ doneSoFar: z.string(), question: z.string() })),
});

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
 * The SIPA part of GET /api/cases/:caseId (`typeDetail`). `intake` and `advice` are null for anyone who
 * may not read the intake.
 */
export const sipaTypeDetailSchema = z.object({
  intake: sensitive(sipaIntakeSchema.nullable()),
  /** pending: the assigned advisor has not yet confirmed the absence of a conflict of interest. */
  conflictCheck: z.enum(SIPA_CONFLICT_CHECK_STATES),
  advice: sensitive(sipaAdviceSchema.nullable()),
  adviceIssuedAt: z.iso.datetime().nullable(),
});
export type SipaTypeDetail = z.infer<typeof sipaTypeDetailSchema>;
export type SipaIntake = z.infer<typeof sipaIntakeSchema>;

/** The SIPA part of a case's detail, or null for a case of another type. */
export function sipaDetailOf(detail: { type: string; typeDetail: unknown }): SipaTypeDetail | null {
  return detail.type === SIPA_CASE_TYPE ? (detail.typeDetail as SipaTypeDetail) : null;
}
