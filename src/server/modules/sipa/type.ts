import { CASE_ATTACHMENTS_MAX_TOTAL_BYTES } from '../../../shared/cases.ts';
import {
  SIPA_CASE_TYPE,
  SIPA_OUTCOMES,
  SIPA_STATUSES,
  type SipaAdvice,
  type SipaDetails,
  type SipaRequestParsed,
  type SipaStatus,
  sipaIntakeSchema,
  sipaTypeDetailSchema,
} from '../../../shared/sipa.ts';
import type { Relation } from '../../lib/policy.ts';
import {
  type CaseActionRefusal,
  type CaseState,
  type CaseTypeDefinition,
  caseFieldAad,
  hasTransition,
  type Transition,
} from '../cases/facade.ts';
import { SIPA_ENCRYPTED_COLUMNS } from './encrypted-columns.ts';
import { deleteSipaCase, loadSipaCases, type SipaCaseData, updateSipaCase } from './repository.ts';

/**
 * The SIPA case type: advice on how to run a sound integrity investigation, in SIPA's own process
 * (domain.md §8): nothing confidential before the first phone contact.
 *
 *   submitted ──take──▶ intake_call ──intake: share details──▶ details_requested ──details──▶ conflict_check
 *       ▲                    │                                                                  │  no conflict
 *       │                    └──intake: guidance only──▶ in_progress ⇄ waiting_for_requester ◀──┘
 *       └── release, or a conflict of interest               │
 *                                                          advised ──▶ closed ──reopen──▶ …
 *
 * Only the requester and the assigned SIPA advisor ever see a SIPA case: there is no coordinator role,
 * no grants, and OT staff have no relation to it. The request holds who asks, the topic, a phone number
 * and times to call; the advisor takes it, calls, and records the intake and what was agreed. Only then
 * may the requester share the signal, the person concerned and documents; the advisor then sees the name
 * and must confirm there is no conflict of interest before anything else, or hand it back.
 */

const WORKING: SipaStatus[] = ['in_progress', 'waiting_for_requester', 'advised'];
const TAKEN: SipaStatus[] = ['intake_call', 'details_requested', ...WORKING];

const transitions: Transition[] = [
  // Taken from the queue: to the call, or (handed back after the intake) where the request stood.
  { from: ['submitted'], to: 'intake_call', via: 'take', by: ['eligible_staff'] },
  { from: ['submitted'], to: 'details_requested', via: 'take', by: ['eligible_staff'] },
  { from: ['submitted'], to: 'conflict_check', via: 'take', by: ['eligible_staff'] },
  { from: ['submitted'], to: 'in_progress', via: 'take', by: ['eligible_staff'] },
  { from: ['intake_call'], to: 'details_requested', via: 'intake', by: ['assigned'] },
  { from: ['intake_call'], to: 'in_progress', via: 'intake', by: ['assigned'] },
  { from: ['details_requested'], to: 'conflict_check', via: 'details', by: ['owner'] },
  { from: ['conflict_check'], to: 'in_progress', via: 'conflict_check', by: ['assigned'] },
  { from: ['conflict_check'], to: 'submitted', via: 'conflict_check', by: ['assigned'] },
  { from: TAKEN, to: 'submitted', via: 'release', by: ['assigned'] },
  { from: ['waiting_for_requester', 'advised'], to: 'in_progress', via: 'status', by: ['assigned'] },
  { from: ['in_progress', 'advised'], to: 'waiting_for_requester', via: 'status', by: ['assigned'] },
  { from: ['waiting_for_requester'], to: 'in_progress', via: 'requester_message', by: ['system'] },
  { from: WORKING, to: 'advised', via: 'advice', by: ['assigned'] },
  { from: TAKEN, to: 'closed', via: 'close', by: ['assigned'] },
  { from: ['submitted', 'conflict_check', ...TAKEN], to: 'closed', via: 'close', by: ['owner'] },
  { from: ['closed'], to: 'in_progress', via: 'reopen', by: ['owner'] },
  { from: ['closed'], to: 'submitted', via: 'reopen', by: ['owner'] },
];

/** What an advisor who took the request may not do before confirming there is no conflict of interest. */
const AFTER_THE_CHECK = new Set([
  'read_messages',
  'post_message',
  'read_notes',
  'post_note',
  'read_attachments',
  'upload_attachment',
  'change_status',
  'change_urgency',
  'record_intake',
  'record_advice',
  'release',
  'close',
]);

/** Until the advisor confirmed there is no conflict of interest, they may only do the check (and read to do it). */
const confirmedOrNotAdvisor = (state: CaseState<SipaCaseData>, relations: ReadonlySet<Relation>) =>
  state.data.conflictCheck !== 'pending' || !relations.has('assigned') || relations.has('owner');

/** The phone intake was held (or, for a request from before this process, taken as held). */
export const intakeDone = (data: SipaCaseData) => data.intakeAgreement !== null;

/** SIPA's own rule: no documents before the phone intake, whoever tries. Says why, on the file field. */
const DOCUMENTS_AFTER_INTAKE: CaseActionRefusal = {
  code: 'sipa_intake_first',
  detail: 'SIPA takes documents only after the phone intake.',
  field: 'file',
};

/** Why the requester may not share the details now, on the form's first field; null when they may. */
function detailsRefusal(data: SipaCaseData): CaseActionRefusal | null {
  const refuse = (code: CaseActionRefusal['code'], detail: string) => ({ code, detail, field: 'signal' });
  if (!intakeDone(data)) return refuse('sipa_intake_first', 'Share the details after the phone intake.');
  if (data.intakeAgreement !== 'share_details') {
    return refuse('sipa_details_not_agreed', 'The phone intake agreed that no details are needed.');
  }
  if (data.detailsSharedAt !== null) return refuse('sipa_details_already_shared', 'The details were shared already.');
  return null;
}

function guard(
  action: string,
  state: CaseState<SipaCaseData>,
  relations: ReadonlySet<Relation>,
): boolean | CaseActionRefusal {
  const open = state.row.status !== 'closed';
  if (action === 'upload_attachment' && open && !intakeDone(state.data)) return DOCUMENTS_AFTER_INTAKE;
  if (action === 'share_details' && open) return detailsRefusal(state.data) ?? true;
  return !AFTER_THE_CHECK.has(action) || confirmedOrNotAdvisor(state, relations);
}

/** Which take transition: back to where the request stood when it was handed back. */
function statusOnTake(data: SipaCaseData): SipaStatus {
  if (data.detailsSharedAt) return 'conflict_check';
  if (data.intakeAgreement === 'share_details') return 'details_requested';
  if (data.intakeAgreement === 'guidance_only') return 'in_progress';
  return 'intake_call';
}

/**
 * The intake as stored (the case core's encrypted intake). Requests from before the phone-intake process
 * have no organisation, phone or call times; the details are null until the requester shares them.
 */
export interface StoredSipaIntake {
  capacity: SipaRequestParsed['capacity'];
  representativeBody: SipaRequestParsed['representativeBody'] | null;
  organisation?: string;
  topic: SipaRequestParsed['topic'];
  phone?: string;
  callTimes?: SipaRequestParsed['callTimes'];
  signal?: SipaDetails['signal'] | null;
  answers?: SipaDetails['answers'] | null;
}

/** The advice is bound to its case (the same associated data as when it lived in the cases table). */
export const sipaAdviceAad = (caseId: string) => caseFieldAad('advice', caseId);
export const sipaIntakeMessageAad = (caseId: string) => caseFieldAad('sipa_intake_message', caseId);

export const sipaCaseType: CaseTypeDefinition<SipaCaseData> = {
  type: SIPA_CASE_TYPE,
  recordType: 'sipa_case',
  auditActions: { personConcernedRead: 'sipa.person_concerned_read' },
  statuses: SIPA_STATUSES,
  initialStatus: 'submitted',
  pausedStatus: 'waiting_for_requester',
  closedStatus: 'closed',
  transitions,
  outcomes: SIPA_OUTCOMES,
  requesterOutcome: 'withdrawn',
  coordinatorRoles: [],
  assignableRoles: ['sipa_advisor'],
  mayTake: (staff) => staff.roles.includes('sipa_advisor'),
  mayTakeWhere: (staff) => staff.roles.includes('sipa_advisor'),
  grantableRoles: [],
  grantScopes: [],
  actions: {
    record_intake: {
      relations: ['assigned'],
      when: (state) => hasTransition(state.definition, state.row.status, 'intake'),
    },
    share_details: {
      relations: ['owner'],
      when: (state) => state.row.status === 'details_requested' && state.data.detailsSharedAt === null,
    },
    conflict_check: {
      relations: ['assigned'],
      when: (state) => hasTransition(state.definition, state.row.status, 'conflict_check'),
    },
    record_advice: {
      relations: ['assigned'],
      when: (state) => hasTransition(state.definition, state.row.status, 'advice'),
    },
    download_advice: { relations: ['owner', 'assigned'], when: (state) => state.data.adviceEnvelope !== null },
  },
  guard,
  personConcernedRelations: ['owner', 'assigned'],
  attachments: { allowedIn: ['details_requested', ...WORKING], evidence: false },
  nextStep: {
    submitted: 'wait_for_intake_call',
    intake_call: 'wait_for_intake_call',
    details_requested: 'share_details',
    conflict_check: 'details_shared',
    in_progress: 'in_conversation',
    waiting_for_requester: 'your_answer_needed',
    advised: 'read_advice',
    closed: 'closed',
  },
  // Defaults: deployments set targets, reopen period, retention and the request limit through the
  // SIPA_* environment variables (settings.ts), which the module registers over these.
  settings: {
    // SIPA: "a phone intake the same day or the next working day".
    firstResponse: { urgent: { amount: 240, unit: 'minutes' }, normal: { amount: 1, unit: 'working_days' } },
    reminderLeadMs: { urgent: 60 * 60_000, normal: 2 * 60 * 60_000 },
    reopenDays: 30,
    retentionDays: 730,
    attachmentsMaxTotalBytes: CASE_ATTACHMENTS_MAX_TOTAL_BYTES,
  },
  tombstoneKeeps: [],
  data: { load: loadSipaCases },
  hooks: {
    // Taken before the details: the advisor calls. Taken after them (handed back): the advisor sees the
    // person concerned and must first confirm there is no conflict of interest; until then the requester
    // sees nothing of it (a conflict sends it back to the queue).
    onTake: async ({ tx, state }) => {
      const to = statusOnTake(state.data);
      const known = state.data.detailsSharedAt !== null;
      await updateSipaCase(tx, state.row.id, { conflictCheck: known ? 'pending' : 'awaiting_details' });
      return { to, visibleToRequester: !known };
    },
    onRelease: ({ tx, state }) => updateSipaCase(tx, state.row.id, { conflictCheck: 'not_assigned' }),
    // Withdrawn before the advisor confirmed: the advisor leaves the case (a reopen goes to the queue).
    onClose: async ({ tx, state }) => {
      if (state.data.conflictCheck !== 'pending') return {};
      await updateSipaCase(tx, state.row.id, { conflictCheck: 'not_assigned' });
      return { endAssignments: true };
    },
    // Nothing of the type's own data stays in a tombstone.
    onErase: ({ tx, state }) => deleteSipaCase(tx, state.row.id),
  },
  encryptedColumns: SIPA_ENCRYPTED_COLUMNS,
  present: ({ state, keyring, intake, personConcerned }) => {
    const { row, data } = state;
    const stored = intake as StoredSipaIntake | null;
    const advice =
      stored && data.adviceEnvelope
        ? (JSON.parse(keyring.decryptString(data.adviceEnvelope, sipaAdviceAad(row.id))) as SipaAdvice)
        : null;
    const intakeMessage =
      stored && data.intakeMessageEnvelope
        ? keyring.decryptString(data.intakeMessageEnvelope, sipaIntakeMessageAad(row.id))
        : null;
    return sipaTypeDetailSchema.parse({
      intake: stored
        ? sipaIntakeSchema.parse({
            type: SIPA_CASE_TYPE,
            capacity: stored.capacity,
            actingForBody: stored.capacity === 'representative_body',
            representativeBody: stored.representativeBody ?? null,
            organisation: stored.organisation ?? null,
            topic: stored.topic,
            phone: stored.phone ?? null,
            callTimes: stored.callTimes ?? [],
            signal: stored.signal ?? null,
            personConcerned: personConcerned ?? null,
            answers: stored.answers ?? null,
          })
        : null,
      conflictCheck: data.conflictCheck,
      phoneIntake: {
        state: intakeDone(data) ? 'done' : 'pending',
        heldAt: data.intakeHeldAt?.toISOString() ?? null,
        agreement: data.intakeAgreement,
        message: intakeMessage || null,
        detailsSharedAt: data.detailsSharedAt?.toISOString() ?? null,
      },
      advice,
      adviceIssuedAt: advice && data.adviceRecordedAt ? data.adviceRecordedAt.toISOString() : null,
    });
  },
  // The phase and when to call: routing facts for the advisors' queue, never content.
  queueSummary: ({ data }) => ({
    phase: data.detailsSharedAt ? 'details_shared' : intakeDone(data) ? 'intake_done' : 'intake_call',
    callTimes: data.callTimes,
  }),
};
