import { CASE_ATTACHMENTS_MAX_TOTAL_BYTES } from '../../../shared/cases.ts';
import {
  SIPA_CASE_TYPE,
  SIPA_OUTCOMES,
  SIPA_STATUSES,
  type SipaAdvice,
  type SipaRequest,
  type SipaStatus,
  sipaIntakeSchema,
  sipaTypeDetailSchema,
} from '../../../shared/sipa.ts';
import type { Relation } from '../../lib/policy.ts';
import {
  type CaseState,
  type CaseTypeDefinition,
  caseFieldAad,
  hasTransition,
  type Transition,
} from '../cases/facade.ts';
import { SIPA_ENCRYPTED_COLUMNS } from './encrypted-columns.ts';
import { deleteSipaCase, loadSipaCases, type SipaCaseData, updateSipaCase } from './repository.ts';

/**
 * The SIPA case type: advice on how to run a sound integrity investigation.
 *
 *   submitted ──take──▶ conflict_check ──no conflict──▶ in_progress ⇄ waiting_for_requester
 *       ▲                     │                            │   ▲
 *       └──── conflict ───────┘ (and release)              ▼   │
 *                                                        advised ──▶ closed ──reopen──▶ …
 *
 * Only the requester and the assigned SIPA advisor ever see a SIPA case: there is no coordinator role,
 * no grants, and OT staff have no relation to it. An advisor takes a request from the queue (which shows
 * no person concerned), then sees the name and must confirm there is no conflict of interest before
 * anything else, or hand it back. No files before the intake conversation (SIPA's own rule).
 */

const WORKING: SipaStatus[] = ['in_progress', 'waiting_for_requester', 'advised'];

const transitions: Transition[] = [
  { from: ['submitted'], to: 'conflict_check', via: 'take', by: ['eligible_staff'] },
  { from: ['conflict_check'], to: 'in_progress', via: 'conflict_check', by: ['assigned'] },
  { from: ['conflict_check'], to: 'submitted', via: 'conflict_check', by: ['assigned'] },
  { from: WORKING, to: 'submitted', via: 'release', by: ['assigned'] },
  { from: ['waiting_for_requester', 'advised'], to: 'in_progress', via: 'status', by: ['assigned'] },
  { from: ['in_progress', 'advised'], to: 'waiting_for_requester', via: 'status', by: ['assigned'] },
  { from: ['waiting_for_requester'], to: 'in_progress', via: 'requester_message', by: ['system'] },
  { from: WORKING, to: 'advised', via: 'advice', by: ['assigned'] },
  { from: WORKING, to: 'closed', via: 'close', by: ['assigned'] },
  { from: ['submitted', 'conflict_check', ...WORKING], to: 'closed', via: 'close', by: ['owner'] },
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
  'record_advice',
  'release',
  'close',
]);

/** Until the advisor confirmed there is no conflict of interest, they may only do the check (and read to do it). */
const confirmedOrNotAdvisor = (state: CaseState<SipaCaseData>, relations: ReadonlySet<Relation>) =>
  state.data.conflictCheck !== 'pending' || !relations.has('assigned') || relations.has('owner');

export interface StoredSipaIntake {
  capacity: SipaRequest['capacity'];
  representativeBody: SipaRequest['representativeBody'] | null;
  topic: SipaRequest['topic'];
  signal: SipaRequest['signal'];
  answers: SipaRequest['answers'];
}

/** The advice is bound to its case (the same associated data as when it lived in the cases table). */
export const sipaAdviceAad = (caseId: string) => caseFieldAad('advice', caseId);

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
  guard: (action, state, relations) => !AFTER_THE_CHECK.has(action) || confirmedOrNotAdvisor(state, relations),
  personConcernedRelations: ['owner', 'assigned'],
  attachments: { allowedIn: WORKING, evidence: false },
  nextStep: {
    submitted: 'wait_for_intake_call',
    conflict_check: 'wait_for_intake_call',
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
    // Taken: the advisor sees the person concerned and must first confirm there is no conflict of
    // interest. Until then the requester sees nothing of it (a conflict sends it back to the queue).
    onTake: async ({ tx, state }) => {
      await updateSipaCase(tx, state.row.id, { conflictCheck: 'pending' });
      return { visibleToRequester: false };
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
    return sipaTypeDetailSchema.parse({
      intake: stored
        ? sipaIntakeSchema.parse({
            type: SIPA_CASE_TYPE,
            capacity: stored.capacity,
            actingForBody: stored.capacity === 'representative_body',
            representativeBody: stored.representativeBody ?? null,
            topic: stored.topic,
            signal: stored.signal,
            personConcerned: personConcerned ?? null,
            answers: stored.answers,
          })
        : null,
      conflictCheck: data.conflictCheck,
      advice,
      adviceIssuedAt: advice && data.adviceRecordedAt ? data.adviceRecordedAt.toISOString() : null,
    });
  },
};
