import type { CaseDetail, CaseGrant, GrantScope, MyCase, QueueItem, Urgency } from '../../../shared/cases.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Relation } from '../../lib/policy.ts';
import { grantedScopes } from './access.ts';
import { reminderLeadOf } from './clock.ts';
import type { CaseTypeDefinition } from './registry.ts';
import type { Assignee, CaseRow, CaseState, GrantRow, MyCaseRow, QueueRow } from './types.ts';

/** What the API answers about cases: allow-listed fields only, the type's part made by the type. */

export function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

/** A grant as far as the list of helpers needs it. */
type HelperGrant = Pick<GrantRow, 'personId' | 'kind' | 'consentedAt' | 'revokedAt'> & { displayName: string | null };

export function helpersOf(state: { assignees: Assignee[]; grants: readonly HelperGrant[] }): MyCase['helpers'] {
  return [
    ...state.assignees.map((assignee) => ({
      personId: assignee.personId,
      displayName: assignee.displayName,
      role: 'assigned' as const,
    })),
    ...state.grants
      .filter((grant) => grant.consentedAt && !grant.revokedAt)
      .map((grant) => ({
        personId: grant.personId,
        displayName: grant.displayName,
        role: grant.kind === 'peer' ? ('peer' as const) : ('expert' as const),
      })),
  ];
}

export function nextStepOf(definition: CaseTypeDefinition, row: Pick<CaseRow, 'status' | 'reopenUntil'>, now: Date) {
  if (row.status === definition.closedStatus) {
    return row.reopenUntil && row.reopenUntil.getTime() > now.getTime() ? 'closed_can_reopen' : 'closed';
  }
  return definition.nextStep[row.status] ?? 'wait';
}

/** What the service target is computed from (the queue's SQL mirrors it: queue-repository.ts). */
type SlaColumns = Pick<CaseRow, 'status' | 'urgency' | 'firstResponseAt' | 'firstResponseDueAt' | 'pausedSince'>;

export function slaOf(definition: CaseTypeDefinition, row: SlaColumns, now: Date) {
  const due = row.firstResponseDueAt;
  const lead = reminderLeadOf(definition, row.urgency);
  const open = row.status !== definition.closedStatus && !row.firstResponseAt;
  return {
    firstResponseDueAt: iso(due),
    firstResponseAt: iso(row.firstResponseAt),
    paused: Boolean(row.pausedSince),
    dueSoon: Boolean(open && due && due.getTime() - lead <= now.getTime() && due.getTime() > now.getTime()),
    late: Boolean(open && due && due.getTime() <= now.getTime()),
  };
}

const reopenUntilOf = (row: Pick<CaseRow, 'reopenUntil'>, now: Date) =>
  row.reopenUntil && row.reopenUntil.getTime() > now.getTime() ? row.reopenUntil.toISOString() : null;

function grantsOf(state: CaseState): CaseGrant[] {
  return state.grants.map((grant) => ({
    id: grant.id,
    personId: grant.personId,
    displayName: grant.displayName,
    kind: grant.kind === 'peer' ? ('peer' as const) : ('expert' as const),
    expertField: null,
    scopes: grant.scopes as GrantScope[],
    state: grant.revokedAt
      ? ('revoked' as const)
      : grant.declinedAt
        ? ('declined' as const)
        : grant.consentedAt
          ? ('active' as const)
          : ('proposed' as const),
    proposedAt: grant.proposedAt.toISOString(),
    consentedAt: iso(grant.consentedAt),
    revokedAt: iso(grant.revokedAt),
  }));
}

export interface DetailInput {
  actor: Actor;
  state: CaseState;
  now: Date;
  relations: ReadonlySet<Relation>;
  actions: string[];
  feedback: CaseDetail['feedback'];
  unread: number;
  typeDetail: Record<string, unknown>;
}

/** GET /api/cases/:caseId: the core fields as far as the caller may see them, and the type's part. */
export function presentDetail(input: DetailInput): CaseDetail {
  const { state, now, relations, actions } = input;
  const { row, definition } = state;
  const isStaff = relations.has('assigned') || relations.has('coordinator');
  const statusTargets = definition.transitions
    .filter(
      (transition) =>
        actions.includes('change_status') &&
        transition.via === 'status' &&
        transition.from.includes(row.status) &&
        transition.by.some((by) => relations.has(by as Relation)),
    )
    .map((transition) => transition.to);
  return {
    id: row.id,
    reference: row.reference ?? '',
    type: row.type,
    status: row.status,
    nextStep: nextStepOf(definition, row, now),
    urgency: (row.urgency ?? 'normal') as Urgency,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: iso(row.closedAt),
    outcome: row.outcome ?? null,
    reopenUntil: reopenUntilOf(row, now),
    officeType: row.officeType,
    region: row.region,
    helpers: helpersOf(state),
    viewer: {
      relations: [...relations],
      scopes: grantedScopes(input.actor, state),
      actions,
      statusTargets: [...new Set(statusTargets)],
    },
    sla: isStaff ? slaOf(definition, row, now) : null,
    grants: relations.has('owner') || isStaff ? grantsOf(state) : null,
    feedback: input.feedback,
    unread: input.unread,
    typeDetail: input.typeDetail,
  };
}

/** GET /api/me/cases: one of the requester's own cases (the columns the list shows, and who helps). */
export function presentMyCase(
  state: { row: MyCaseRow; definition: CaseTypeDefinition; assignees: Assignee[]; grants: readonly HelperGrant[] },
  now: Date,
  unread: number,
): MyCase {
  const { row, definition } = state;
  return {
    id: row.id,
    reference: row.reference ?? '',
    type: row.type,
    status: row.status,
    nextStep: nextStepOf(definition, row, now),
    urgency: (row.urgency ?? 'normal') as Urgency,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: iso(row.closedAt),
    reopenUntil: reopenUntilOf(row, now),
    helpers: helpersOf(state),
    unread,
  };
}

/** A queue row: no case content at all (no intake, no person concerned, no messages). */
export function presentQueueItem(
  definition: CaseTypeDefinition,
  item: { row: QueueRow; data: unknown; assignees: Assignee[] },
  now: Date,
  readerId: string,
  unread: number,
): QueueItem {
  const { row, assignees } = item;
  const sla = slaOf(definition, row, now);
  return {
    id: row.id,
    reference: row.reference ?? '',
    type: row.type,
    status: row.status,
    urgency: (row.urgency ?? 'normal') as Urgency,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    firstResponseDueAt: iso(row.firstResponseDueAt),
    firstResponseAt: iso(row.firstResponseAt),
    paused: sla.paused,
    dueSoon: sla.dueSoon,
    late: sla.late,
    officeType: row.officeType,
    region: row.region,
    typeSummary: definition.queueSummary?.({ row, data: item.data }) ?? {},
    assignees,
    assignedToMe: assignees.some((assignee) => assignee.personId === readerId),
    unread,
  };
}
