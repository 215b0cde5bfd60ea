import { CASE_ATTACHMENTS_MAX_TOTAL_BYTES } from '../../../shared/cases.ts';
import {
  WONINGSCAN_CASE_TYPE,
  WONINGSCAN_OUTCOMES,
  WONINGSCAN_STATUSES,
  type WoningscanAdvice,
  type WoningscanIntake,
  type WoningscanStatus,
  woningscanTypeDetailSchema,
} from '../../../shared/woningscan.ts';
import { dutchDay, offersVisitTo, schemesOn } from '../../../shared/woningscan-schemes.ts';
import { contextAad, type Keyring } from '../../lib/crypto/index.ts';
import { conflict } from '../../lib/errors.ts';
import {
  type CaseState,
  type CaseTypeDefinition,
  caseFieldAad,
  type HookInput,
  hasTransition,
  type Transition,
} from '../cases/facade.ts';
import { WONINGSCAN_ENCRYPTED_COLUMNS } from './encrypted-columns.ts';
import {
  deleteWoningscanCase,
  loadWoningscanCases,
  otherOpenRequest,
  updateWoningscanCase,
  type WoningscanData,
  withdrawOpenSlots,
} from './repository.ts';

/**
 * The woningscan case type: a CCV visit and conversation, the advice, and the measures that follow.
 *
 *   requested ──take──▶ accepted ──propose──▶ slots_proposed ──pick──▶ scheduled ──visit──▶ visited
 *       ▲                  ▲   ◀──decline / cancel──┘  ▲                  │ ▲ propose (move)      │
 *       └──── release ─────┘                           └──────────────────┘ │                 advice
 *                                                                                                ▼
 *                                                  closed ◀──close── advised (measures tracked)
 *
 * Only the requester and the assigned CCV adviser ever see a woningscan case: no coordinator role and
 * no grants. The home address lives in this type's table, encrypted, readable by the two of them until
 * the visit is done, then removed (and on closing, whatever the stage).
 */

const OPEN: WoningscanStatus[] = ['accepted', 'slots_proposed', 'scheduled', 'visited', 'advised'];

const transitions: Transition[] = [
  { from: ['requested'], to: 'accepted', via: 'take', by: ['eligible_staff'] },
  { from: ['accepted', 'slots_proposed', 'scheduled'], to: 'requested', via: 'release', by: ['assigned'] },
  { from: ['accepted', 'slots_proposed', 'scheduled'], to: 'slots_proposed', via: 'propose', by: ['assigned'] },
  { from: ['slots_proposed'], to: 'scheduled', via: 'pick', by: ['owner'] },
  { from: ['slots_proposed'], to: 'accepted', via: 'decline', by: ['owner'] },
  { from: ['slots_proposed'], to: 'scheduled', via: 'decline', by: ['owner'] },
  { from: ['slots_proposed'], to: 'scheduled', via: 'move', by: ['assigned'] },
  { from: ['scheduled', 'slots_proposed'], to: 'accepted', via: 'cancel', by: ['owner', 'assigned'] },
  { from: ['scheduled'], to: 'visited', via: 'visit', by: ['assigned'] },
  { from: ['visited', 'advised'], to: 'advised', via: 'advice', by: ['assigned'] },
  { from: OPEN, to: 'closed', via: 'close', by: ['assigned'] },
  { from: ['requested', ...OPEN], to: 'closed', via: 'close', by: ['owner'] },
  { from: ['closed'], to: 'accepted', via: 'reopen', by: ['owner'] },
  { from: ['closed'], to: 'requested', via: 'reopen', by: ['owner'] },
];

const isBooked = (state: CaseState<WoningscanData>) => state.data.row.appointmentState === 'booked';
const can = (via: string) => (state: CaseState<WoningscanData>) =>
  hasTransition(state.definition, state.row.status, via);

/** The address and the advice are bound to their case; a measure's description to the measure. */
export const addressAad = (caseId: string) => caseFieldAad('woningscan_address', caseId);
export const adviceAad = (caseId: string) => caseFieldAad('woningscan_advice', caseId);
export const measureAad = (measureId: string) => contextAad('woningscan', 'measure_description', measureId);

/** The day whose schemes apply to a case: the advice's day, before that the request's. */
export function schemeDayOf(data: WoningscanData): string {
  return data.row.adviceRecordedAt ? dutchDay(data.row.adviceRecordedAt) : data.row.requestedOn;
}

/** The schemes that apply to a case: those of its day that cover the requester's office (or all of that day). */
export function schemesOfCase(data: WoningscanData, office: string | null) {
  const ofTheDay = schemesOn(data.schemes, schemeDayOf(data));
  const forOffice = ofTheDay.filter((scheme) => scheme.content.eligibleOffices.includes(office as never));
  return forOffice.length > 0 ? forOffice : ofTheDay;
}

/** Whether the case's scheme routes through the BVA's tailored advice. */
export function routesThroughBva(data: WoningscanData, office: string | null): boolean {
  return schemesOfCase(data, office).some(
    (scheme) => offersVisitTo(scheme.content, office) && scheme.content.route.includes('bva_advice'),
  );
}

/** The appointment ends, the address goes and proposed times are withdrawn (closing, releasing). */
async function windDown({ tx, state, now }: HookInput<WoningscanData>, options: { removeAddress: boolean }) {
  const { row } = state.data;
  await withdrawOpenSlots(tx, state.row.id);
  await updateWoningscanCase(tx, state.row.id, {
    ...(row.appointmentState === 'booked'
      ? { appointmentState: 'cancelled', appointmentSequence: row.appointmentSequence + 1 }
      : {}),
    ...(options.removeAddress && row.addressEnvelope !== null ? { addressEnvelope: null, addressRemovedAt: now } : {}),
  });
}

function decryptJson<T>(keyring: Keyring, envelope: string | null, aad: string): T | null {
  return envelope ? (JSON.parse(keyring.decryptString(envelope, aad)) as T) : null;
}

export const woningscanCaseType: CaseTypeDefinition<WoningscanData> = {
  type: WONINGSCAN_CASE_TYPE,
  recordType: 'woningscan_case',
  auditActions: { personConcernedRead: 'woningscan.person_concerned_read' },
  statuses: WONINGSCAN_STATUSES,
  initialStatus: 'requested',
  // Times are proposed: the clock waits for the requester to pick one.
  pausedStatus: 'slots_proposed',
  closedStatus: 'closed',
  transitions,
  outcomes: WONINGSCAN_OUTCOMES,
  requesterOutcome: 'withdrawn',
  coordinatorRoles: [],
  assignableRoles: ['ccv_advisor'],
  mayTake: (staff) => staff.roles.includes('ccv_advisor'),
  mayTakeWhere: (staff) => staff.roles.includes('ccv_advisor'),
  grantableRoles: [],
  grantScopes: [],
  actions: {
    propose_slots: { relations: ['assigned'], when: can('propose') },
    pick_slot: { relations: ['owner'], when: can('pick') },
    decline_slots: { relations: ['owner'], when: can('decline') },
    move_appointment: {
      relations: ['assigned'],
      when: (state) => isBooked(state) && ['scheduled', 'slots_proposed'].includes(state.row.status),
    },
    request_reschedule: { relations: ['owner'], when: (state) => isBooked(state) && state.row.status === 'scheduled' },
    cancel_appointment: {
      relations: ['owner', 'assigned'],
      when: (state) => isBooked(state) && ['scheduled', 'slots_proposed'].includes(state.row.status),
    },
    download_ics: {
      relations: ['owner', 'assigned'],
      when: (state) => state.data.row.appointmentUid !== null && state.data.row.appointmentState !== 'none',
    },
    read_address: {
      relations: ['owner', 'assigned'],
      when: (state) => state.data.row.addressEnvelope !== null && state.row.status !== 'closed',
    },
    record_visit: { relations: ['assigned'], when: (state) => can('visit')(state) && isBooked(state) },
    record_advice: { relations: ['assigned'], when: can('advice') },
    download_advice: { relations: ['owner', 'assigned'], when: (state) => state.data.row.adviceEnvelope !== null },
    update_measures: {
      relations: ['owner', 'assigned'],
      when: (state) => state.row.status === 'advised' && state.data.measures.length > 0,
    },
    update_progress: { relations: ['owner', 'assigned'], when: (state) => state.row.status !== 'closed' },
  },
  personConcernedRelations: ['owner', 'assigned'],
  attachments: { allowedIn: OPEN, evidence: false },
  nextStep: {
    requested: 'wait_for_advisor',
    accepted: 'advisor_will_propose',
    slots_proposed: 'pick_a_slot',
    scheduled: 'visit_planned',
    visited: 'advice_coming',
    advised: 'follow_measures',
    closed: 'closed',
  },
  settings: {
    // Working days: the CCV's advisers plan visits, they do not run a night service. The numbers are
    // assumptions (the domain notes give none; README, "Woningscan": service targets are assumptions).
    firstResponse: { urgent: { amount: 2, unit: 'working_days' }, normal: { amount: 5, unit: 'working_days' } },
    reminderLeadMs: { urgent: 4 * 60 * 60_000, normal: 24 * 60 * 60_000 },
    reopenDays: 30,
    retentionDays: 730,
    attachmentsMaxTotalBytes: CASE_ATTACHMENTS_MAX_TOTAL_BYTES,
    maxRequestsPerDay: 3,
  },
  tombstoneKeeps: [],
  data: { load: loadWoningscanCases },
  hooks: {
    // Back to the queue: the next adviser plans afresh (the appointment was with this one).
    onRelease: (input) => windDown(input, { removeAddress: false }),
    // Closed, however it ends: no address stays behind, no appointment stands.
    onClose: async (input) => {
      await windDown(input, { removeAddress: true });
      await updateWoningscanCase(input.tx, input.state.row.id, { open: false });
      return {};
    },
    // One open request per person: reopening while another is open is refused, nothing changed.
    onReopen: async ({ tx, state }) => {
      if (await otherOpenRequest(tx, state.data.row.requesterId, state.row.id)) {
        throw conflict('woningscan_request_open', 'There is another open woningscan request.');
      }
      await updateWoningscanCase(tx, state.row.id, { open: true, appointmentState: 'none', appointmentUid: null });
    },
    onErase: ({ tx, state }) => deleteWoningscanCase(tx, state.row.id),
  },
  encryptedColumns: WONINGSCAN_ENCRYPTED_COLUMNS,
  present: ({ state, keyring, intake }) => {
    const { row: caseRow, data } = state;
    const { row } = data;
    const mayRead = intake !== null;
    const advice = mayRead ? decryptJson<WoningscanAdvice>(keyring, row.adviceEnvelope, adviceAad(caseRow.id)) : null;
    return woningscanTypeDetailSchema.parse({
      intake: mayRead ? (intake as WoningscanIntake) : null,
      schemesOn: schemeDayOf(data),
      schemes: schemesOfCase(data, caseRow.officeType),
      addressOnFile: row.addressEnvelope !== null,
      addressRemovedAt: row.addressRemovedAt?.toISOString() ?? null,
      slots: data.slots
        .filter((slot) => slot.state !== 'withdrawn')
        .map((slot) => ({
          id: slot.id,
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          state: slot.state,
        })),
      appointment:
        row.appointmentUid && row.appointmentStartsAt && row.appointmentEndsAt && row.appointmentState !== 'none'
          ? {
              state: row.appointmentState,
              startsAt: row.appointmentStartsAt.toISOString(),
              endsAt: row.appointmentEndsAt.toISOString(),
              sequence: row.appointmentSequence,
              rescheduleRequested: row.rescheduleRequestedAt !== null,
            }
          : null,
      visitedOn: row.visitedOn,
      advice,
      adviceIssuedAt: advice && row.adviceRecordedAt ? row.adviceRecordedAt.toISOString() : null,
      measures: mayRead
        ? data.measures.map((measure) => ({
            id: measure.id,
            domain: measure.domain,
            description: keyring.decryptString(measure.descriptionEnvelope, measureAad(measure.id)),
            state: measure.state,
            orderedOn: measure.orderedOn,
            installedOn: measure.installedOn,
            dueOn: measure.dueOn,
          }))
        : [],
      progress: {
        bvaAdviceExpected: row.bvaAdviceExpected,
        bvaAdviceDueOn: row.bvaAdviceDueOn,
        bvaAdviceReceivedOn: row.bvaAdviceReceivedOn,
        pkvwStatus: row.pkvwStatus,
        pkvwCertifiedOn: row.pkvwCertifiedOn,
      },
    });
  },
  queueSummary: ({ data }) => ({
    appointment: data.row.appointmentState,
    openSlots: data.slots.filter((slot) => slot.state === 'open').length,
  }),
};
