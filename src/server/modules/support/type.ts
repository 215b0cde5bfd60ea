import { CASE_ATTACHMENTS_MAX_TOTAL_BYTES } from '../../../shared/cases.ts';
import {
  type AdviceItem,
  SUPPORT_CASE_TYPE,
  SUPPORT_OUTCOMES,
  SUPPORT_STATUSES,
  type SupportRequest,
  type SupportStatus,
  supportIntakeSchema,
  supportTypeDetailSchema,
} from '../../../shared/support.ts';
import { type CaseTypeDefinition, caseFieldAad, hasTransition, type Transition } from '../cases/facade.ts';
import { SUPPORT_ENCRYPTED_COLUMNS } from './encrypted-columns.ts';
import { deleteSupportCase, loadSupportCases, routedToAssociation, type SupportCaseData } from './repository.ts';

/**
 * The Ondersteuningsteam case type.
 *
 *   submitted ──take/assign──▶ assigned ──▶ in_progress ⇄ waiting_for_requester
 *       ▲                          │             │  ▲            (clock paused)
 *       └──────── release ─────────┘             ▼  │
 *                                              advised ──▶ closed ──reopen (30 days)──▶ in_progress / submitted
 *
 * Confidants of the association the request was routed to see it in their queue and may take it; the
 * ot_coordinator sees every support case, triages and may assign any confidant. A concern raised by a
 * colleague goes to the coordinator only. First response: urgent within 60 minutes around the clock,
 * otherwise within one working day. Content is destroyed 365 days after closing (defaults; to confirm
 * with the Netwerk Weerbaar Bestuur).
 */

const INCIDENT_READERS = ['owner', 'assigned', 'coordinator'] as const;

const OPEN_ASSIGNED: SupportStatus[] = ['assigned', 'in_progress', 'waiting_for_requester', 'advised'];

const transitions: Transition[] = [
  { from: ['submitted'], to: 'assigned', via: 'take', by: ['eligible_staff', 'coordinator'] },
  { from: ['submitted'], to: 'assigned', via: 'assign', by: ['coordinator'] },
  // Reassigning keeps the status.
  ...OPEN_ASSIGNED.map((status): Transition => ({ from: [status], to: status, via: 'assign', by: ['coordinator'] })),
  { from: OPEN_ASSIGNED, to: 'submitted', via: 'release', by: ['assigned', 'coordinator'] },
  { from: ['assigned', 'waiting_for_requester', 'advised'], to: 'in_progress', via: 'status', by: ['assigned'] },
  { from: ['assigned', 'in_progress', 'advised'], to: 'waiting_for_requester', via: 'status', by: ['assigned'] },
  { from: ['waiting_for_requester'], to: 'in_progress', via: 'requester_message', by: ['system'] },
  {
    from: ['assigned', 'in_progress', 'waiting_for_requester', 'advised'],
    to: 'advised',
    via: 'advice',
    by: ['assigned'],
  },
  { from: ['submitted', ...OPEN_ASSIGNED], to: 'closed', via: 'close', by: ['coordinator', 'owner'] },
  { from: OPEN_ASSIGNED, to: 'closed', via: 'close', by: ['assigned'] },
  { from: ['closed'], to: 'in_progress', via: 'reopen', by: ['owner'] },
  { from: ['closed'], to: 'submitted', via: 'reopen', by: ['owner'] },
];

/** The intake as stored (encrypted); the person concerned is stored apart. */
export interface StoredSupportIntake {
  concernFor: SupportRequest['concernFor'];
  situation: SupportRequest['situation'];
  since: SupportRequest['since'];
  acuteDanger: boolean;
  affected: SupportRequest['affected'];
  contact: {
    channel: SupportRequest['contact']['channel'];
    phone: string | null;
    when: SupportRequest['contact']['when'];
  };
  body: string | null;
}

/** The advice is bound to its case (the same associated data as when it lived in the cases table). */
export const supportAdviceAad = (caseId: string) => caseFieldAad('advice', caseId);

export const supportCaseType: CaseTypeDefinition<SupportCaseData> = {
  type: SUPPORT_CASE_TYPE,
  recordType: 'support_case',
  auditActions: { personConcernedRead: 'support.person_concerned_read' },
  statuses: SUPPORT_STATUSES,
  initialStatus: 'submitted',
  pausedStatus: 'waiting_for_requester',
  closedStatus: 'closed',
  transitions,
  outcomes: SUPPORT_OUTCOMES,
  requesterOutcome: 'withdrawn',
  coordinatorRoles: ['ot_coordinator'],
  assignableRoles: ['confidant', 'ot_coordinator'],
  mayTake: (staff, { data }) =>
    !data.concernForColleague &&
    data.association !== null &&
    staff.roles.includes('confidant') &&
    staff.association === data.association,
  mayTakeWhere: (staff, caseId) =>
    staff.roles.includes('confidant') && staff.association !== null && routedToAssociation(staff.association, caseId),
  grantableRoles: ['peer', 'expert'],
  grantScopes: ['summary', 'intake', 'messages', 'attachments'],
  actions: {
    record_advice: {
      relations: ['assigned'],
      when: (state) => hasTransition(state.definition, state.row.status, 'advice'),
    },
    withdraw_zelfscan: { relations: ['owner'], when: (state) => state.data.zelfscanResultId !== null },
    /**
     * The shared zelfscan result: whoever may read the intake, except a grantee. The requester shared it
     * "with my confidant" (the request form's words), and no grant scope names it.
     */
    read_zelfscan: { relations: ['owner', 'assigned', 'coordinator'] },
    /** Attaching one of the requester's incidents (by consent) while the request is open. */
    share_incident: { relations: ['owner'], when: (state) => state.row.status !== state.definition.closedStatus },
    /** Stopping that, at any time (also after closing: the consent is the requester's to end). */
    withdraw_incident_share: { relations: ['owner'] },
    /**
     * A shared incident and its consented files: as the zelfscan, the assigned confidant and the OT
     * coordinator (and the requester); no grant scope names it, so a peer or expert never sees it.
     */
    read_incident: { relations: ['owner', 'assigned', 'coordinator'] },
  },
  personConcernedRelations: ['owner', 'assigned', 'coordinator'],
  attachments: { allowedIn: ['submitted', ...OPEN_ASSIGNED], evidence: true },
  nextStep: {
    submitted: 'wait_for_contact',
    assigned: 'confidant_will_contact',
    in_progress: 'in_conversation',
    waiting_for_requester: 'your_answer_needed',
    advised: 'act_on_advice',
    closed: 'closed',
  },
  // Defaults: deployments set targets, reopen period, retention and the request limit through the
  // SUPPORT_* environment variables (settings.ts), which the module registers over these.
  settings: {
    firstResponse: { urgent: { amount: 60, unit: 'minutes' }, normal: { amount: 1, unit: 'working_days' } },
    reminderLeadMs: { urgent: 15 * 60_000, normal: 2 * 60 * 60_000 },
    reopenDays: 30,
    retentionDays: 365,
    attachmentsMaxTotalBytes: CASE_ATTACHMENTS_MAX_TOTAL_BYTES,
  },
  tombstoneKeeps: [],
  data: { load: loadSupportCases },
  hooks: {
    // Nothing of the type's own data stays in a tombstone.
    onErase: ({ tx, state }) => deleteSupportCase(tx, state.row.id),
  },
  encryptedColumns: SUPPORT_ENCRYPTED_COLUMNS,
  present: ({ state, keyring, intake, personConcerned, relations }) => {
    const { row, data } = state;
    const stored = intake as StoredSupportIntake | null;
    // The advice is for the requester and their staff: no grant scope names it, so a grantee never sees it.
    const mayReadAdvice = INCIDENT_READERS.some((relation) => relations.has(relation));
    const advice =
      stored && mayReadAdvice && data.adviceEnvelope
        ? (JSON.parse(keyring.decryptString(data.adviceEnvelope, supportAdviceAad(row.id))) as AdviceItem[])
        : [];
    const concerned = personConcerned as { name: string; office?: string; region?: string } | null;
    return supportTypeDetailSchema.parse({
      intake: stored
        ? supportIntakeSchema.parse({
            type: SUPPORT_CASE_TYPE,
            ...stored,
            personConcerned: concerned
              ? { name: concerned.name, office: concerned.office ?? null, region: concerned.region ?? null }
              : null,
          })
        : null,
      association: data.association,
      concernForColleague: data.concernForColleague,
      advice,
      adviceRecordedAt: stored && mayReadAdvice && data.adviceRecordedAt ? data.adviceRecordedAt.toISOString() : null,
      zelfscan:
        stored && data.zelfscanResultId && data.zelfscanSharedAt
          ? { resultId: data.zelfscanResultId, sharedAt: data.zelfscanSharedAt.toISOString() }
          : null,
      // Which incidents are shared (ids, dates, counts): for those who may read them, never a grantee.
      incidents: INCIDENT_READERS.some((relation) => relations.has(relation))
        ? data.incidentShares.map((share) => ({
            incidentId: share.incidentId,
            sharedAt: share.consentedAt.toISOString(),
            fields: share.fields,
            evidenceCount: share.evidenceIds.length,
          }))
        : [],
    });
  },
  queueSummary: ({ data }) => ({ association: data.association, concernForColleague: data.concernForColleague }),
};
