import { CASE_ATTACHMENTS_MAX_TOTAL_BYTES, type CaseStatus } from '../../../shared/cases.ts';
import type { Association, Office } from '../../../shared/people.ts';
import {
  type AdviceItem,
  type SupportRequest,
  supportCasePartSchema,
  supportIntakeSchema,
} from '../../../shared/support.ts';
import { caseAad } from '../cases/crypto.ts';
import type { CaseTypeDefinition, Transition } from '../cases/registry.ts';

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

export const SUPPORT_STATUSES = [
  'submitted',
  'assigned',
  'in_progress',
  'waiting_for_requester',
  'advised',
  'closed',
] as const satisfies readonly CaseStatus[];

const OPEN_ASSIGNED: CaseStatus[] = ['assigned', 'in_progress', 'waiting_for_requester', 'advised'];

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

/** Which association's confidants a request goes to, by the office of the person it is about. */
export function routeToAssociation(office: string | null | undefined): Association {
  switch (office as Office | undefined) {
    case 'burgemeester':
      return 'ngb';
    case 'wethouder':
      return 'wethoudersvereniging';
    case 'raadslid':
      return 'nvvr';
    // Issue #5 routes Statenleden and gedeputeerden to the IPO's confidants (domain.md leaves the
    // Statenleden association itself unverified; the IPO is the provinces' own network).
    case 'statenlid':
    case 'gedeputeerde':
      return 'ipo';
    default:
      return 'bzk';
  }
}

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

export const supportCaseType: CaseTypeDefinition = {
  type: 'support',
  statuses: SUPPORT_STATUSES,
  initialStatus: 'submitted',
  pausedStatus: 'waiting_for_requester',
  closedStatus: 'closed',
  transitions,
  outcomes: [
    'advice_given',
    'referred',
    'peer_support',
    'expert_support',
    'no_action_needed',
    'no_contact',
    'withdrawn',
  ],
  requesterOutcome: 'withdrawn',
  coordinatorRoles: ['ot_coordinator'],
  assignableRoles: ['confidant', 'ot_coordinator'],
  mayTake: (staff, row) =>
    !row.concernForColleague &&
    row.association !== null &&
    staff.roles.includes('confidant') &&
    staff.association === row.association,
  grantableRoles: ['peer', 'expert'],
  grantScopes: ['summary', 'intake', 'messages', 'attachments'],
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
  // SUPPORT_* environment variables (config.ts, .env.example), which the cases module lays over these.
  settings: {
    firstResponse: { urgent: { amount: 60, unit: 'minutes' }, normal: { amount: 1, unit: 'working_days' } },
    reminderLeadMs: { urgent: 15 * 60_000, normal: 2 * 60 * 60_000 },
    reopenDays: 30,
    retentionDays: 365,
    attachmentsMaxTotalBytes: CASE_ATTACHMENTS_MAX_TOTAL_BYTES,
  },
  tombstoneKeeps: [],
  present: ({ row, keyring, intake, personConcerned }) => {
    const stored = intake as StoredSupportIntake | null;
    const advice =
      stored && row.adviceEnvelope
        ? (JSON.parse(keyring.decryptString(row.adviceEnvelope, caseAad.advice(row.id))) as AdviceItem[])
        : [];
    const concerned = personConcerned as { name: string; office?: string; region?: string } | null;
    return {
      intake: stored
        ? supportIntakeSchema.parse({
            type: 'support',
            ...stored,
            personConcerned: concerned
              ? { name: concerned.name, office: concerned.office ?? null, region: concerned.region ?? null }
              : null,
          })
        : null,
      support: supportCasePartSchema.parse({
        concernForColleague: row.concernForColleague,
        advice,
        adviceRecordedAt: stored && row.adviceRecordedAt ? row.adviceRecordedAt.toISOString() : null,
        zelfscan:
          stored && row.zelfscanResultId && row.zelfscanSharedAt
            ? { resultId: row.zelfscanResultId, sharedAt: row.zelfscanSharedAt.toISOString() }
            : null,
      }),
      sipa: null,
    };
  },
};
