import { z } from 'zod';
import { sensitive } from './sensitive.ts';
import { schemeViewSchema } from './woningscan-schemes.ts';

/**
 * Woningscan and veiligheidsgesprek (case type `woningscan`): an office holder asks the CCV for a visit
 * and conversation about their safety; a CCV adviser takes it, proposes times, visits, writes advice per
 * domain, and the measures that follow are tracked. Which scheme applies is data (woningscan-schemes.ts).
 *
 * Routes
 * - GET  /api/woningscan/schemes?on=                       public: the schemes that apply on a day
 * - GET  /api/woningscan/eligibility                        signed in: what the person can get, and why
 * - POST /api/woningscan/requests                           officeholder (eligible): ask for a visit
 * - POST /api/cases/:caseId/woningscan/slots                assigned adviser: propose times
 * - POST /api/cases/:caseId/woningscan/slots/:slotId/pick   requester: pick one (the appointment)
 * - POST /api/cases/:caseId/woningscan/slots/decline        requester: none of these times suit
 * - PUT  /api/cases/:caseId/woningscan/appointment          assigned adviser: move the appointment
 * - POST /api/cases/:caseId/woningscan/appointment/reschedule-request  requester: ask for another time
 * - POST /api/cases/:caseId/woningscan/appointment/cancel   requester or assigned adviser
 * - GET  /api/cases/:caseId/woningscan/appointment.ics      requester or assigned adviser: the invitation
 * - GET  /api/cases/:caseId/woningscan/address              requester or assigned adviser, until the visit
 * - POST /api/cases/:caseId/woningscan/visit                assigned adviser: the visit took place
 * - PUT  /api/cases/:caseId/woningscan/advice               assigned adviser: advice per domain, measures
 * - GET  /api/cases/:caseId/woningscan/advice.pdf           requester or assigned adviser
 * - PATCH /api/cases/:caseId/woningscan/measures/:measureId requester or assigned adviser: progress
 * - PUT  /api/cases/:caseId/woningscan/progress             requester or assigned adviser: BVA advice, PKVW
 */

export const WONINGSCAN_CASE_TYPE = 'woningscan';

export const WONINGSCAN_STATUSES = [
  'requested',
  'accepted',
  'slots_proposed',
  'scheduled',
  'visited',
  'advised',
  'closed',
] as const;
export type WoningscanStatus = (typeof WONINGSCAN_STATUSES)[number];

export const WONINGSCAN_OUTCOMES = ['measures_in_place', 'advice_given', 'no_visit', 'withdrawn'] as const;

export const WONINGSCAN_ACTIONS = [
  'propose_slots',
  'pick_slot',
  'decline_slots',
  'move_appointment',
  'request_reschedule',
  'cancel_appointment',
  'download_ics',
  'read_address',
  'record_visit',
  'record_advice',
  'download_advice',
  'update_measures',
  'update_progress',
] as const;

export const PKVW_STATUSES = ['unknown', 'not_met', 'in_progress', 'certified'] as const;
export type PkvwStatus = (typeof PKVW_STATUSES)[number];

/** The four security domains of the 2024 scheme: home, work, information (digital) and travel. */
export const ADVICE_DOMAINS = ['home', 'work', 'digital', 'travel'] as const;
export type AdviceDomain = (typeof ADVICE_DOMAINS)[number];

export const MEASURE_STATES = ['advised', 'ordered', 'installed', 'not_taken'] as const;
export type MeasureState = (typeof MEASURE_STATES)[number];

export const APPOINTMENT_STATES = ['none', 'booked', 'cancelled', 'done'] as const;

/**
 * Working days the route's steps are expected to take (the case core's working-day calendar). Assumptions:
 * the domain notes give no turnaround for any step (§3a "UNVERIFIED", §12 item 3); README, "Woningscan".
 */
export const WONINGSCAN_TARGETS = {
  /** From the CCV adviser's advice (when first recorded) to the security authority's (BVA's) tailored advice. */
  bvaAdviceWorkingDays: 20,
  /** From the advice (or the BVA advice, where the scheme has one) to each measure in place. */
  provisionWorkingDays: 40,
} as const;

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

export const WONINGSCAN_TEXT_MAX_LENGTH = 5_000;
export const MAX_SLOTS = 5;
export const MAX_PREFERRED_PERIODS = 3;
export const MAX_MEASURES = 30;

/** The home address, for the visit only: encrypted, removed when the visit is done. */
export const homeAddressSchema = z.strictObject({
  street: z.string().trim().min(1).max(200),
  houseNumber: z.string().trim().min(1).max(20),
  postcode: z
    .string()
    .trim()
    .regex(/^[1-9][0-9]{3} ?[A-Za-z]{2}$/, 'a Dutch postcode, like 1234 AB'),
  city: z.string().trim().min(1).max(100),
});
export type HomeAddress = z.infer<typeof homeAddressSchema>;

export const preferredPeriodSchema = z.strictObject({ from: isoDate, to: isoDate });

/** POST /api/woningscan/requests. Date rules (not in the past, end after start) are checked by the server. */
export const woningscanRequestSchema = z.strictObject({
  preferredPeriods: z.array(preferredPeriodSchema).min(1).max(MAX_PREFERRED_PERIODS),
  /** Who else lives in the house (free text, encrypted). */
  household: sensitive(z.string().trim().max(2_000)),
  pkvwStatus: z.enum(PKVW_STATUSES),
  address: sensitive(homeAddressSchema),
});
export type WoningscanRequest = z.infer<typeof woningscanRequestSchema>;

export const woningscanRequestResponseSchema = z.object({ caseId: z.uuid(), reference: z.string() });

/** What the requester said, as stored encrypted in the case's intake. */
export const woningscanIntakeSchema = z.object({
  preferredPeriods: z.array(z.object({ from: isoDate, to: isoDate })),
  household: z.string(),
  pkvwStatusAtRequest: z.enum(PKVW_STATUSES),
});
export type WoningscanIntake = z.infer<typeof woningscanIntakeSchema>;

export const slotInputSchema = z.strictObject({ startsAt: isoDateTime, endsAt: isoDateTime });
export const proposeSlotsSchema = z.strictObject({ slots: z.array(slotInputSchema).min(1).max(MAX_SLOTS) });
export const moveAppointmentSchema = slotInputSchema;
export const slotParamsSchema = z.object({ caseId: z.uuid(), slotId: z.uuid() });
export const measureParamsSchema = z.object({ caseId: z.uuid(), measureId: z.uuid() });

export const recordVisitSchema = z.strictObject({ visitedOn: isoDate });

export const measureInputSchema = z.strictObject({
  domain: z.enum(ADVICE_DOMAINS),
  description: z.string().trim().min(1).max(500),
});

/** PUT /api/cases/:caseId/woningscan/advice: a text per domain (empty: nothing for it) and the measures. */
export const woningscanAdviceSchema = z.strictObject({
  home: z.string().trim().max(WONINGSCAN_TEXT_MAX_LENGTH),
  work: z.string().trim().max(WONINGSCAN_TEXT_MAX_LENGTH),
  digital: z.string().trim().max(WONINGSCAN_TEXT_MAX_LENGTH),
  travel: z.string().trim().max(WONINGSCAN_TEXT_MAX_LENGTH),
});
export type WoningscanAdvice = z.infer<typeof woningscanAdviceSchema>;
export const recordAdviceSchema = z.strictObject({
  advice: sensitive(woningscanAdviceSchema),
  measures: sensitive(z.array(measureInputSchema).max(MAX_MEASURES)),
});

/** PATCH …/measures/:measureId: where a measure stands. Dates may not lie in the future. */
export const updateMeasureSchema = z.strictObject({
  state: z.enum(MEASURE_STATES),
  orderedOn: isoDate.nullable().optional(),
  installedOn: isoDate.nullable().optional(),
});

/** PUT …/progress: the BVA's advice received, and the PKVW certificate. */
export const updateProgressSchema = z.strictObject({
  bvaAdviceReceivedOn: isoDate.nullable(),
  pkvwStatus: z.enum(PKVW_STATUSES),
  pkvwCertifiedOn: isoDate.nullable(),
});

export const addressResponseSchema = z.object({ address: sensitive(homeAddressSchema) });

export const slotSchema = z.object({
  id: z.uuid(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  state: z.enum(['open', 'picked', 'withdrawn']),
});

export const measureSchema = z.object({
  id: z.uuid(),
  domain: z.enum(ADVICE_DOMAINS),
  description: z.string(),
  state: z.enum(MEASURE_STATES),
  orderedOn: isoDate.nullable(),
  installedOn: isoDate.nullable(),
  /** In place by (working days after the advice, or after the BVA's advice where the scheme has one). */
  dueOn: isoDate.nullable(),
});
export type Measure = z.infer<typeof measureSchema>;

/** The woningscan part of GET /api/cases/:caseId (`typeDetail`). */
export const woningscanTypeDetailSchema = z.object({
  intake: sensitive(woningscanIntakeSchema.nullable()),
  /** The day whose schemes apply to this case: the advice's day, or before it the request's. */
  schemesOn: isoDate,
  schemes: z.array(schemeViewSchema),
  /** Whether an address is on file (it is removed when the visit is done); the address itself: …/address. */
  addressOnFile: z.boolean(),
  addressRemovedAt: z.iso.datetime().nullable(),
  slots: z.array(slotSchema),
  appointment: z
    .object({
      state: z.enum(APPOINTMENT_STATES),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
      sequence: z.number().int(),
      rescheduleRequested: z.boolean(),
    })
    .nullable(),
  visitedOn: isoDate.nullable(),
  advice: sensitive(woningscanAdviceSchema.nullable()),
  adviceIssuedAt: z.iso.datetime().nullable(),
  measures: sensitive(z.array(measureSchema)),
  progress: z.object({
    bvaAdviceExpected: z.boolean(),
    bvaAdviceDueOn: isoDate.nullable(),
    bvaAdviceReceivedOn: isoDate.nullable(),
    pkvwStatus: z.enum(PKVW_STATUSES),
    pkvwCertifiedOn: isoDate.nullable(),
  }),
});
export type WoningscanTypeDetail = z.infer<typeof woningscanTypeDetailSchema>;

/** The woningscan part of a case's detail, or null for a case of another type. */
export function woningscanDetailOf(detail: { type: string; typeDetail: unknown }): WoningscanTypeDetail | null {
  return detail.type === WONINGSCAN_CASE_TYPE ? (detail.typeDetail as WoningscanTypeDetail) : null;
}
