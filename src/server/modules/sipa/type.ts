import { CASE_ATTACHMENTS_MAX_TOTAL_BYTES, type CaseStatus } from '../../../shared/cases.ts';
import { type SipaAdvice, type SipaRequest, sipaCasePartSchema, sipaIntakeSchema } from '../../../shared/sipa.ts';
import type { Relation } from '../../lib/policy.ts';
import { caseAad } from '../cases/crypto.ts';
import type { CaseTypeDefinition, Transition } from '../cases/registry.ts';
import type { CaseRow } from '../cases/types.ts';

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

export const SIPA_STATUSES = [
  'submitted',
  'conflict_check',
  'in_progress',
  'waiting_for_requester',
  'advised',
  'closed',
] as const satisfies readonly CaseStatus[];

const WORKING: CaseStatus[] = ['in_progress', 'waiting_for_requester', 'advised'];

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

/** Until the advisor confirmed there is no conflict of interest, they may only do the check (and read to do it). */
const confirmedOrNotAdvisor = (row: CaseRow, relations: ReadonlySet<Relation>) =>
  row.conflictCheck !== 'pending' || !relations.has('assigned') || relations.has('owner');

export interface StoredSipaIntake {
  capacity: SipaRequest['capacity'];
  representativeBody: SipaRequest['representativeBody'] | null;
  topic: SipaRequest['topic'];
  signal: SipaRequest['signal'];
  answers: SipaRequest['answers'];
}

export const sipaCaseType: CaseTypeDefinition = {
  type: 'sipa',
  statuses: SIPA_STATUSES,
  initialStatus: 'submitted',
  pausedStatus: 'waiting_for_requester',
  closedStatus: 'closed',
  transitions,
  outcomes: ['advice_given', 'information_only', 'no_integrity_matter', 'withdrawn'],
  requesterOutcome: 'withdrawn',
  coordinatorRoles: [],
  assignableRoles: ['sipa_advisor'],
  mayTake: (staff) => staff.roles.includes('sipa_advisor'),
  grantableRoles: [],
  grantScopes: [],
  personConcernedRelations: ['owner', 'assigned'],
  guards: {
    read_messages: confirmedOrNotAdvisor,
    post_message: confirmedOrNotAdvisor,
    read_notes: confirmedOrNotAdvisor,
    post_note: confirmedOrNotAdvisor,
    read_attachments: confirmedOrNotAdvisor,
    upload_attachment: confirmedOrNotAdvisor,
    change_status: confirmedOrNotAdvisor,
    change_urgency: confirmedOrNotAdvisor,
    record_advice: confirmedOrNotAdvisor,
    release: confirmedOrNotAdvisor,
    close: confirmedOrNotAdvisor,
  },
  // Withdrawn before the advisor confirmed: the advisor leaves the case (a reopen goes to the queue).
  onClose: (row) =>
    row.conflictCheck === 'pending' ? { patch: { conflictCheck: 'not_assigned' }, endAssignments: true } : {},
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
  // SIPA_* environment variables (config.ts, .env.example), which the cases module lays over these.
  settings: {
    // SIPA: "a phone intake the same day or the next working day".
    firstResponse: { urgent: { amount: 240, unit: 'minutes' }, normal: { amount: 1, unit: 'working_days' } },
    reminderLeadMs: { urgent: 60 * 60_000, normal: 2 * 60 * 60_000 },
    reopenDays: 30,
    retentionDays: 730,
    attachmentsMaxTotalBytes: CASE_ATTACHMENTS_MAX_TOTAL_BYTES,
  },
  tombstoneKeeps: [],
  present: ({ row, keyring, intake, personConcerned }) => {
    const stored = intake as StoredSipaIntake | null;
    const advice =
      stored && row.adviceEnvelope
        ? (JSON.parse(keyring.decryptString(row.adviceEnvelope, caseAad.advice(row.id))) as SipaAdvice)
        : null;
    return {
      intake: stored
        ? sipaIntakeSchema.parse({
            type: 'sipa',
            capacity: stored.capacity,
            actingForBody: stored.capacity === 'representative_body',
            representativeBody: stored.representativeBody ?? null,
            topic: stored.topic,
            signal: stored.signal,
            personConcerned: personConcerned ?? null,
            answers: stored.answers,
          })
        : null,
      support: null,
      sipa: sipaCasePartSchema.parse({
        conflictCheck: row.conflictCheck,
        advice,
        adviceIssuedAt: advice && row.adviceRecordedAt ? row.adviceRecordedAt.toISOString() : null,
      }),
    };
  },
};
