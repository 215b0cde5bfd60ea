import { and, eq, isNull } from 'drizzle-orm';
import type { CaseAction, CaseStatus, GrantScope } from '../../../shared/cases.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { type AccessRules, type AccessSubject, authorize, may, type Relation, relationsOf } from '../../lib/policy.ts';
import { people } from '../people/db.ts';
import { caseAssignments, caseGrants, cases } from './db.ts';
import type { CaseTypeDefinition, CaseTypeRegistry } from './registry.ts';
import type { CaseRow, GrantRow } from './types.ts';

/**
 * Who may do what with a case: the relations of src/server/lib/policy.ts (owner = requester, assigned
 * staff, the type's coordinator role, grantees with scopes), never a role alone. Admins and other staff
 * of the same role have no relation and get the same 404 as for a case that does not exist.
 */
export const BASE_CASE_RULES: AccessRules<CaseAction | 'read'> = {
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
  record_advice: { relations: ['assigned'] },
  withdraw_zelfscan: { relations: ['owner'] },
  conflict_check: { relations: ['assigned'] },
  download_advice: { relations: ['owner', 'assigned'] },
};

export interface Assignee {
  personId: string;
  displayName: string | null;
}

export interface LoadedCase {
  row: CaseRow;
  definition: CaseTypeDefinition;
  assignees: Assignee[];
  grants: (GrantRow & { displayName: string | null })[];
}

export function rulesFor(definition: CaseTypeDefinition): AccessRules<CaseAction | 'read'> {
  return { ...BASE_CASE_RULES, ...definition.rules };
}

export function subjectOf(loaded: LoadedCase): AccessSubject {
  return {
    ownerIds: loaded.row.requesterId ? [loaded.row.requesterId] : [],
    assignedStaffIds: loaded.assignees.map((assignee) => assignee.personId),
    coordinatorRoles: loaded.definition.coordinatorRoles,
    grants: loaded.grants
      .filter((grant) => grant.consentedAt && !grant.declinedAt)
      .map((grant) => ({ personId: grant.personId, scopes: grant.scopes, revokedAt: grant.revokedAt })),
  };
}

/**
 * The case with what access decisions need, or null when it does not exist or is a tombstone. With
 * `forUpdate`, the row is locked until the transaction ends, so concurrent actions serialise.
 */
export async function loadCase(
  db: DbOrTx,
  registry: CaseTypeRegistry,
  caseId: string,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedCase | null> {
  const query = db.select().from(cases).where(eq(cases.id, caseId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row || row.erasedAt || !registry.has(row.type)) return null;
  const assignees = await db
    .select({ personId: caseAssignments.personId, displayName: people.displayName })
    .from(caseAssignments)
    .innerJoin(people, eq(people.id, caseAssignments.personId))
    .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)));
  const grantRows = await db
    .select({ grant: caseGrants, displayName: people.displayName })
    .from(caseGrants)
    .innerJoin(people, eq(people.id, caseGrants.personId))
    .where(eq(caseGrants.caseId, caseId));
  return {
    row,
    definition: registry.get(row.type),
    assignees,
    grants: grantRows.map(({ grant, displayName }) => ({ ...grant, displayName })),
  };
}

export function relationsTo(actor: Actor | null, loaded: LoadedCase): Set<Relation> {
  return relationsOf(actor, subjectOf(loaded));
}

/** The scopes the actor holds as grantee (empty for anyone else). */
export function grantedScopes(actor: Actor | null, loaded: LoadedCase): GrantScope[] {
  if (!actor) return [];
  const grant = loaded.grants.find(
    (candidate) => candidate.personId === actor.personId && candidate.consentedAt && !candidate.revokedAt,
  );
  return (grant?.scopes ?? []) as GrantScope[];
}

const OPEN = (definition: CaseTypeDefinition, status: string) => status !== definition.closedStatus;

/** Status guards of the core: an action the policy allows may still not fit the case's state. */
function stateAllows(loaded: LoadedCase, action: CaseAction, now: Date, relations: ReadonlySet<Relation>): boolean {
  const { row, definition } = loaded;
  const status = row.status as CaseStatus;
  const open = OPEN(definition, status);
  const guard = definition.guards?.[action];
  if (guard && !guard(row, relations)) return false;
  switch (action) {
    case 'post_message':
    case 'post_note':
    case 'change_urgency':
    case 'propose_grant':
      return open;
    case 'upload_attachment':
      return open && definition.attachments.allowedIn.includes(status);
    case 'change_status':
      return definition.transitions.some((t) => t.via === 'status' && t.from.includes(status));
    case 'assign':
      return definition.transitions.some((t) => t.via === 'assign' && t.from.includes(status));
    case 'take':
      return definition.transitions.some((t) => t.via === 'take' && t.from.includes(status));
    case 'release':
      return (
        loaded.assignees.length > 0 &&
        definition.transitions.some((t) => t.via === 'release' && t.from.includes(status))
      );
    case 'close':
      return definition.transitions.some((t) => t.via === 'close' && t.from.includes(status));
    case 'reopen':
      return !open && Boolean(row.reopenUntil && row.reopenUntil.getTime() > now.getTime());
    case 'give_feedback':
      return !open && row.feedbackAt === null;
    case 'erase':
      return !open;
    case 'manage_grants':
      return definition.grantableRoles.length > 0;
    case 'record_advice':
      return definition.transitions.some((t) => t.via === 'advice' && t.from.includes(status));
    case 'withdraw_zelfscan':
      return row.zelfscanResultId !== null;
    case 'conflict_check':
      return definition.transitions.some((t) => t.via === 'conflict_check' && t.from.includes(status));
    case 'download_advice':
      return row.adviceEnvelope !== null;
    default:
      return true;
  }
}

/** The actions the actor may take now: policy and state both. */
export function availableActions(actor: Actor | null, loaded: LoadedCase, now = new Date()): CaseAction[] {
  const rules = rulesFor(loaded.definition);
  const subject = subjectOf(loaded);
  const relations = relationsTo(actor, loaded);
  const actions = Object.keys(rules).filter((key): key is CaseAction => key !== 'read');
  return actions.filter((action) => {
    if (action === 'take') return false; // offered in the queue, not on the case
    if (action === 'close' && !closeAllowedFor(actor, loaded)) return false;
    return may(actor, action, subject, rules, now) && stateAllows(loaded, action, now, relations);
  });
}

/** The owner may only close by withdrawing, when the type allows that at all. */
function closeAllowedFor(actor: Actor | null, loaded: LoadedCase): boolean {
  const relations = relationsTo(actor, loaded);
  if (relations.has('assigned') || relations.has('coordinator')) return true;
  return relations.has('owner') && loaded.definition.requesterOutcome !== null;
}

/**
 * The one check every case service call makes. Not visible at all → 404 (as if it did not exist);
 * visible but not allowed → 404 as well, so a grantee cannot probe; allowed but not now → 409.
 */
export function requireCaseAccess(
  actor: Actor | null,
  loaded: LoadedCase | null,
  action: CaseAction | 'read',
  now = new Date(),
): asserts loaded is LoadedCase {
  if (!loaded) throw notFound();
  const rules = rulesFor(loaded.definition);
  authorize(actor, action, subjectOf(loaded), rules);
  if (action === 'read') return;
  if (action === 'close' && !closeAllowedFor(actor, loaded)) throw notFound();
  if (!stateAllows(loaded, action, now, relationsTo(actor, loaded))) {
    throw conflict('case_state', 'This cannot be done in the current state of the case.');
  }
}
