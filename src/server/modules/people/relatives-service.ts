import { and, count, desc, eq, ne } from 'drizzle-orm';
import type { InviteRelativeBody, Relative } from '../../../shared/admin.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { conflict, notFound, unauthorized } from '../../lib/errors.ts';
import { type AccessRules, type AccessSubject, authorize, may } from '../../lib/policy.ts';
import { recordAudit, recordAuditAlone } from '../audit/service.ts';
import { deactivateLocked, ensureResendable, type PeopleDeps } from './admin-service.ts';
import { people } from './db.ts';
import {
  issueInvitation,
  latestInvitation,
  latestInvitationsOf,
  pendingInvitationIds,
  revokeInvitation,
} from './invitations.ts';
import {
  countAccountInvites,
  enforceInviteLimit,
  inviteExistingAccount,
  listAccountInvites,
  lockAccountInvite,
  removeAccountInvite,
  resendAccountInvite,
  revokeAccountInvite,
} from './relatives-account-invites.ts';
import {
  applyRoleChanges,
  findPersonByEmail,
  insertInvitedPerson,
  isUniqueViolation,
  lockPersonById,
  normaliseEmail,
  type PersonWithRoles,
} from './repository.ts';
import { relativeView } from './views.ts';

/**
 * An officeholder's relatives (partner, children, …). The officeholder invites them; each gets the role
 * `relative` and a link to that officeholder (`linked_officeholder_id`). Only that officeholder can see
 * or manage them: every read and change goes through the policy helper, where the officeholder is the
 * relative account's `owner`; anyone else gets the same 404 a missing record gives.
 *
 * A relative sees nothing of the officeholder's records: they are not an owner of anything of theirs.
 *
 * Removing a relative (DELETE) ends the relative's access through this officeholder: the link and the
 * role `relative` go, a pending invitation is revoked. When `relative` was their only role the account
 * is deactivated, which also ends all their sessions; someone who holds another role too (e.g. is an
 * officeholder themselves) keeps their account for that role. The officeholder no longer sees them.
 *
 * Inviting never tells whether an address already has an account, and is limited per day: see
 * relatives-account-invites.ts.
 */

type RelativeAction = 'view' | 'manage';
export const RELATIVE_RULES: AccessRules<RelativeAction> = {
  view: { relations: ['owner'] },
  manage: { relations: ['owner'] },
};

/** How many relatives (not removed) one officeholder may have: plenty for a family, a brake on misuse. */
export const MAX_RELATIVES = 20;

function relativeSubject(person: PersonWithRoles | null): AccessSubject | null {
  if (!person?.linkedOfficeholderId) return null;
  return { ownerIds: [person.linkedOfficeholderId] };
}

function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

/** Loads and locks a relative the actor may manage, or throws the 404 of a missing record. */
async function relativeForChange(tx: Tx, ctx: ServiceContext, id: string): Promise<PersonWithRoles> {
  const person = await lockPersonById(tx, id);
  const subject = relativeSubject(person);
  authorize(ctx.actor, 'manage', subject, RELATIVE_RULES);
  if (!person) throw notFound();
  return person;
}

export async function listRelatives(db: DbOrTx, ctx: ServiceContext): Promise<Relative[]> {
  const actor = requireActor(ctx);
  const rows = await db
    .select()
    .from(people)
    .where(eq(people.linkedOfficeholderId, actor.personId))
    .orderBy(desc(people.createdAt), people.id);
  const latest = await latestInvitationsOf(
    db,
    rows.map((row) => row.id),
  );
  // The query already asks for my relatives only; the policy helper decides anyway, as everywhere.
  const relatives = rows
    .filter((row) =>
      may(actor, 'view', { ownerIds: row.linkedOfficeholderId ? [row.linkedOfficeholderId] : [] }, RELATIVE_RULES),
    )
    .map((row) => relativeView(row, latest.get(row.id)));
  // Invitations to addresses in use look like any other invitation (relatives-account-invites.ts).
  const others = await listAccountInvites(db, actor.personId);
  const when = (relative: Relative) => relative.invitation?.createdAt ?? '';
  return [...relatives, ...others].sort((a, b) => when(b).localeCompare(when(a)));
}

export async function inviteRelative(
  tx: Tx,
  ctx: ServiceContext,
  deps: PeopleDeps,
  body: InviteRelativeBody,
): Promise<Relative> {
  const actor = requireActor(ctx);
  const email = normaliseEmail(body.email);
  const now = new Date();
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.linkedOfficeholderId, actor.personId), ne(people.status, 'deactivated')));
  if (n + (await countAccountInvites(tx, actor.personId)) >= MAX_RELATIVES) {
    throw conflict('too_many_relatives', `You can have at most ${MAX_RELATIVES} relatives; remove one first.`);
  }
  await enforceInviteLimit(tx, actor.personId, now);
  const mail = { keyring: deps.keyring, publicUrl: deps.config.PUBLIC_URL };
  const existing = await findPersonByEmail(tx, email);
  // My own relative: I can see that in my list anyway.
  if (existing?.linkedOfficeholderId === actor.personId) {
    throw conflict('already_your_relative', 'This address is already in your list of relatives.');
  }
  // Anyone else's address: the same answer as for a new one (relatives-account-invites.ts).
  if (existing) return inviteExistingAccount(tx, ctx, mail, actor, existing, now);
  let person: Awaited<ReturnType<typeof insertInvitedPerson>>;
  try {
    // In a savepoint, so an address taken at this very moment still gets the same answer.
    person = await tx.transaction((savepoint) =>
      insertInvitedPerson(
        savepoint,
        { email, roles: ['relative'], linkedOfficeholderId: actor.personId },
        actor.personId,
      ),
    );
  } catch (error) {
    const raced = isUniqueViolation(error) ? await findPersonByEmail(tx, email) : null;
    if (!raced) throw error;
    return inviteExistingAccount(tx, ctx, mail, actor, raced, now);
  }
  await recordAudit(tx, ctx, {
    action: 'relative.invited',
    subjectPersonId: person.id,
    recordType: 'person',
    recordId: person.id,
  });
  await issueInvitation(tx, ctx, deps, { person });
  return relativeView(person, await latestInvitation(tx, person.id));
}

/**
 * A refused invitation (the address is taken) is audited on its own, outside the rolled-back change, so
 * repeated probing for addresses shows up in the trail. Subject: the officeholder who tried.
 */
export async function auditRefusedRelativeInvite(db: DbOrTx, ctx: ServiceContext, code: string): Promise<void> {
  await recordAuditAlone(db, ctx, {
    action: 'relative.invite_refused',
    outcome: 'failure',
    subjectPersonId: ctx.actor?.personId ?? null,
    recordType: 'person',
    details: { code },
  });
}

/** An invitation to an address in use with this id, when the actor may manage it (else the usual 404). */
async function accountInviteForChange(tx: Tx, ctx: ServiceContext, id: string) {
  const row = await lockAccountInvite(tx, id);
  if (row) authorize(ctx.actor, 'manage', { ownerIds: [row.officeholderId] }, RELATIVE_RULES);
  return row;
}

export async function resendRelativeInvitation(
  tx: Tx,
  ctx: ServiceContext,
  deps: PeopleDeps,
  id: string,
): Promise<Relative> {
  const now = new Date();
  const other = await accountInviteForChange(tx, ctx, id);
  if (other) {
    await enforceInviteLimit(tx, other.officeholderId, now);
    return resendAccountInvite(tx, { keyring: deps.keyring, publicUrl: deps.config.PUBLIC_URL }, other, now);
  }
  const person = await relativeForChange(tx, ctx, id);
  await enforceInviteLimit(tx, requireActor(ctx).personId, now);
  ensureResendable(person);
  await issueInvitation(tx, ctx, deps, { person });
  return relativeView(person, await latestInvitation(tx, person.id));
}

export async function revokeRelativeInvitation(tx: Tx, ctx: ServiceContext, id: string): Promise<void> {
  const other = await accountInviteForChange(tx, ctx, id);
  if (other) return revokeAccountInvite(tx, other, new Date());
  const person = await relativeForChange(tx, ctx, id);
  const pending = await pendingInvitationIds(tx, person.id);
  if (pending.length === 0) throw notFound('There is no pending invitation for this person.');
  for (const invitationId of pending) await revokeInvitation(tx, ctx, invitationId);
}

export async function removeRelative(tx: Tx, ctx: ServiceContext, id: string): Promise<void> {
  const other = await accountInviteForChange(tx, ctx, id);
  if (other) return removeAccountInvite(tx, other);
  const person = await relativeForChange(tx, ctx, id);
  await tx.update(people).set({ linkedOfficeholderId: null }).where(eq(people.id, person.id));
  if (person.roles.includes('relative')) {
    await applyRoleChanges(tx, person.id, { added: [], removed: ['relative'] }, ctx.actor?.personId ?? null);
  }
  await recordAudit(tx, ctx, {
    action: 'relative.removed',
    subjectPersonId: person.id,
    recordType: 'person',
    recordId: person.id,
  });
  // With no other role the account has no purpose left: deactivate it (sessions end, invitation revoked).
  // Someone who also holds another role keeps their account, and any invitation, for that role.
  const otherRoles = person.roles.filter((role) => role !== 'relative');
  if (otherRoles.length === 0 && person.status !== 'deactivated') {
    await deactivateLocked(tx, ctx, person, { reason: 'relative_removed' });
  }
}
