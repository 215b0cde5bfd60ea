import type { GrantScope } from '../../../shared/cases.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { type AccessRules, type AccessSubject, authorize, may, type Relation, relationsOf } from '../../lib/policy.ts';
import { type CaseActionRefusal, type CaseTypeDefinition, hasTransition } from './registry.ts';
import type { CaseState } from './types.ts';

/**
 * Who may do what with a case: the relations of src/server/lib/policy.ts (owner = requester, assigned
 * staff, the type's coordinator role, grantees with scopes), never a role alone. Admins and other staff
 * of the same role have no relation and get the same 404 as for a case that does not exist.
 *
 * These are the core's actions; a type adds its own (`actions` of its definition: relations, scope and
 * when) and may change the core's (`rules`) or add a state check to any of them (`guard`).
 */
export const CORE_CASE_RULES: AccessRules<string> = {
  read: { relations: ['owner', 'assigned', 'coordinator', 'grantee'], scope: 'summary' },
  read_intake: { relations: ['owner', 'assigned', 'coordinator', 'grantee'], scope: 'intake' },
  read_messages: { relations: ['owner', 'assigned', 'coordinator', 'grantee'], scope: 'messages' },
  post_message: { relations: ['owner', 'assigned', 'grantee'], scope: 'messages' },
  read_notes: { relations: ['assigned', 'coordinator'] },
  post_note: { relations: ['assigned', 'coordinator'] },
  read_attachments: { relations: ['owner', 'assigned', 'coordinator', 'grantee'], scope: 'attachments' },
  upload_attachment: { relations: ['owner', 'assigned'] },
  change_status: { relations: ['assigned'] },
  change_urgency: { relations: ['assigned', 'coordinator'] },
  assign: { relations: ['coordinator'] },
  // Taking is for eligible queue staff, who have no relation yet: checked by the type's mayTake.
  take: { relations: [] },
  release: { relations: ['assigned', 'coordinator'] },
  close: { relations: ['assigned', 'coordinator', 'owner'] },
  reopen: { relations: ['owner'] },
  give_feedback: { relations: ['owner'] },
  erase: { relations: ['owner'] },
  propose_grant: { relations: ['assigned'] },
  manage_grants: { relations: ['owner', 'assigned'] },
};

export function rulesFor(definition: CaseTypeDefinition): AccessRules<string> {
  const own = Object.entries(definition.actions ?? {}).map(([action, rule]) => [
    action,
    rule.scope ? { relations: rule.relations, scope: rule.scope } : { relations: rule.relations },
  ]);
  return { ...CORE_CASE_RULES, ...definition.rules, ...Object.fromEntries(own) };
}

export function subjectOf(state: CaseState): AccessSubject {
  return {
    ownerIds: state.row.requesterId ? [state.row.requesterId] : [],
    assignedStaffIds: state.assignees.map((assignee) => assignee.personId),
    coordinatorRoles: state.definition.coordinatorRoles,
    grants: state.grants
      .filter((grant) => grant.consentedAt && !grant.declinedAt)
      .map((grant) => ({ personId: grant.personId, scopes: grant.scopes, revokedAt: grant.revokedAt })),
  };
}

export function relationsTo(actor: Actor | null, state: CaseState): Set<Relation> {
  return relationsOf(actor, subjectOf(state));
}

/** The scopes the actor holds as grantee (empty for anyone else). */
export function grantedScopes(actor: Actor | null, state: CaseState): GrantScope[] {
  if (!actor) return [];
  const grant = state.grants.find(
    (candidate) => candidate.personId === actor.personId && candidate.consentedAt && !candidate.revokedAt,
  );
  return (grant?.scopes ?? []) as GrantScope[];
}

/** Status checks of the core: an action the policy allows may still not fit the case's state. */
function stateAllows(state: CaseState, action: string, now: Date, relations: ReadonlySet<Relation>): boolean {
  const { row, definition } = state;
  const open = row.status !== definition.closedStatus;
  if (guardVerdict(state, action, relations) !== true) return false;
  const own = definition.actions?.[action];
  if (own) return own.when ? own.when(state, relations, now) : true;
  const via = (name: string) => hasTransition(definition, row.status, name);
  switch (action) {
    case 'post_message':
    case 'post_note':
    case 'change_urgency':
    case 'propose_grant':
      return open;
    case 'upload_attachment':
      return open && definition.attachments.allowedIn.includes(row.status);
    case 'change_status':
      return via('status');
    case 'assign':
      return via('assign');
    case 'take':
      return via('take');
    case 'release':
      return state.assignees.length > 0 && via('release');
    case 'close':
      return via('close');
    case 'reopen':
      return !open && Boolean(row.reopenUntil && row.reopenUntil.getTime() > now.getTime());
    case 'give_feedback':
      return !open && row.feedbackAt === null;
    case 'erase':
      return !open;
    case 'manage_grants':
      return definition.grantableRoles.length > 0;
    default:
      return true;
  }
}

/** The type's guard on an action: true, false, or a refusal that says why. */
function guardVerdict(state: CaseState, action: string, relations: ReadonlySet<Relation>): boolean | CaseActionRefusal {
  return state.definition.guard ? state.definition.guard(action, state, relations) : true;
}

/** The actions the actor may take now: policy and state both. */
export function availableActions(actor: Actor | null, state: CaseState, now: Date): string[] {
  const rules = rulesFor(state.definition);
  const subject = subjectOf(state);
  const relations = relationsTo(actor, state);
  return Object.keys(rules).filter((action) => {
    if (action === 'read' || action === 'take') return false; // taking is offered in the queue, not on the case
    if (action === 'close' && !closeAllowedFor(relations, state)) return false;
    return may(actor, action, subject, rules, now) && stateAllows(state, action, now, relations);
  });
}

/** The owner may only close by withdrawing, when the type allows that at all. */
function closeAllowedFor(relations: ReadonlySet<Relation>, state: CaseState): boolean {
  if (relations.has('assigned') || relations.has('coordinator')) return true;
  return relations.has('owner') && state.definition.requesterOutcome !== null;
}

/**
 * The one check every case service call makes. Not visible at all → 404 (as if it did not exist);
 * visible but not allowed, or an action the case's type does not have → 404 as well, so a grantee
 * cannot probe; allowed but not now → 409 (with the type's reason when its guard gives one).
 */
export function requireCaseAccess(
  actor: Actor | null,
  state: CaseState | null,
  action: string,
  now: Date,
): asserts state is CaseState {
  if (!state) throw notFound();
  const rules = rulesFor(state.definition);
  if (!rules[action]) throw notFound();
  authorize(actor, action, subjectOf(state), rules);
  if (action === 'read') return;
  const relations = relationsTo(actor, state);
  if (action === 'close' && !closeAllowedFor(relations, state)) throw notFound();
  const verdict = guardVerdict(state, action, relations);
  if (typeof verdict === 'object') {
    const fieldErrors = verdict.field
      ? [{ field: verdict.field, message: verdict.detail, code: verdict.code }]
      : undefined;
    throw new AppError(409, verdict.code, 'Conflict', verdict.detail, fieldErrors);
  }
  if (!stateAllows(state, action, now, relations)) {
    throw conflict('case_state', 'This cannot be done in the current state of the case.');
  }
}
