import type { Role } from '../../shared/roles.ts';
import type { Actor } from './actor.ts';
import { notFound } from './errors.ts';

/**
 * The one object-level access helper: "may this person do this to this record?", answered from the
 * person's relation to the record — never from their role alone. Every service that reads or writes a
 * record asks here first; none writes its own check.
 *
 * Relations:
 * - `owner`: the record is about / belongs to them (a requester, the person whose account it is).
 * - `assigned`: staff assigned to the record.
 * - `coordinator`: holds a role the record's type names for triage (e.g. `ot_coordinator`).
 * - `grantee`: let in explicitly by the owner, for as long as the grant lasts and only for its scopes.
 *
 * An admin is none of these by virtue of being admin: admins manage people and content, not case contents.
 */
export type Relation = 'owner' | 'assigned' | 'coordinator' | 'grantee';

export interface Grant {
  personId: string;
  /** What the grantee may see or do, e.g. ['summary', 'messages']; a rule names the scope it needs. */
  scopes: readonly string[];
  expiresAt?: Date | null;
  revokedAt?: Date | null;
}

/** What the helper needs to know about a record; each module maps its rows to this. */
export interface AccessSubject {
  ownerIds: readonly string[];
  assignedStaffIds?: readonly string[];
  coordinatorRoles?: readonly Role[];
  grants?: readonly Grant[];
}

/** Per action: which relations allow it, and for grantees which scope. */
export type AccessRules<Action extends string> = Record<Action, { relations: readonly Relation[]; scope?: string }>;

export function relationsOf(actor: Actor | null, subject: AccessSubject, now = new Date()): Set<Relation> {
  const relations = new Set<Relation>();
  if (!actor) return relations;
  if (subject.ownerIds.includes(actor.personId)) relations.add('owner');
  if (subject.assignedStaffIds?.includes(actor.personId)) relations.add('assigned');
  if (subject.coordinatorRoles?.some((role) => actor.roles.includes(role))) relations.add('coordinator');
  if (activeGrant(actor.personId, subject, now)) relations.add('grantee');
  return relations;
}

function activeGrant(personId: string, subject: AccessSubject, now: Date): Grant | undefined {
  return subject.grants?.find(
    (grant) =>
      grant.personId === personId &&
      !grant.revokedAt &&
      (!grant.expiresAt || grant.expiresAt.getTime() > now.getTime()),
  );
}

/** True when one of the actor's relations to the record allows the action. */
export function may<Action extends string>(
  actor: Actor | null,
  action: Action,
  subject: AccessSubject,
  rules: AccessRules<Action>,
  now = new Date(),
): boolean {
  const rule = rules[action];
  const relations = relationsOf(actor, subject, now);
  return rule.relations.some((relation) => {
    if (!relations.has(relation)) return false;
    if (relation !== 'grantee' || !rule.scope) return true;
    return Boolean(actor && activeGrant(actor.personId, subject, now)?.scopes.includes(rule.scope));
  });
}

/**
 * Throws the same 404 a missing record gives, so whether a record exists never leaks. Pass `null` for
 * a record that was not found.
 */
export function authorize<Action extends string>(
  actor: Actor | null,
  action: Action,
  subject: AccessSubject | null,
  rules: AccessRules<Action>,
): asserts subject is AccessSubject {
  if (!subject || !may(actor, action, subject, rules)) throw notFound();
}
