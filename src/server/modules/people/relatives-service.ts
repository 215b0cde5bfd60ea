import { and, count, desc, eq, ne } from 'drizzle-orm';
import type { InviteRelativeBody, Relative } from '../../../shared/admin.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError, conflict, notFound, unauthorized } from '../../lib/errors.ts';
import { type AccessRules, type AccessSubject, authorize, may } from '../../lib/policy.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { deactivateLocked, ensureResendable } from './admin-service.ts';
import { people } from './db.ts';
import type { PeopleDeps } from './deps.ts';
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
async function relativeForChange(w: Work, id: string): Promise<PersonWithRoles> {
  const person = await lockPersonById(w.tx, id);
  const subject = relativeSubject(person);
  authorize(w.actor, 'manage', subject, RELATIVE_RULES);
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

/**
 * Invites a relative (the mail goes after the commit). An address that already has an account gets the
 * same answer as a new one (relatives-account-invites.ts). A refused invitation (too many relatives, or
 * already my relative) is audited in a unit of its own, outside the rolled-back change, so repeated
 * probing for addresses shows up in the trail. Subject: the officeholder who tried.
 */
export async function inviteRelative(
  deps: PeopleDeps,
  ctx: ServiceContext,
  body: InviteRelativeBody,
): Promise<Relative> {
  try {
    return await deps.uow.run(ctx, (w) => inviteRelativeIn(w, deps, body));
  } catch (error) {
    if (error instanceof AppError && error.status === 409) {
      await deps.uow.run(ctx, (w) =>
        recordAudit(w.tx, w, {
          action: 'relative.invite_refused',
          outcome: 'failure',
          subjectPersonId: w.actor?.personId ?? null,
          recordType: 'person',
          details: { code: error.code },
        }),
      );
    }
    throw error;
  }
}

async function inviteRelativeIn(w: Work, deps: PeopleDeps, body: InviteRelativeBody): Promise<Relative> {
  const actor = requireActor(w);
  const email = normaliseEmail(body.email);
  const now = w.now;
  const [{ n } = { n: 0 }] = await w.tx
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.linkedOfficeholderId, actor.personId), ne(people.status, 'deactivated')));
  if (n + (await countAccountInvites(w.tx, actor.personId)) >= MAX_RELATIVES) {
    throw conflict('too_many_relatives', `You can have at most ${MAX_RELATIVES} relatives; remove one first.`);
  }
  await enforceInviteLimit(w.tx, actor.personId, now);
  const existing = await findPersonByEmail(w.tx, email);
  // My own relative: I can see that in my list anyway.
  if (existing?.linkedOfficeholderId === actor.personId) {
    throw conflict('already_your_relative', 'This address is already in your list of relatives.');
  }
  // Anyone else's address: the same answer as for a new one (relatives-account-invites.ts).
  if (existing) return inviteExistingAccount(w, deps, actor, existing, body.relationship, now);
  let person: Awaited<ReturnType<typeof insertInvitedPerson>>;
  try {
    // In a savepoint, so an address taken at this very moment still gets the same answer.
    person = await w.tx.transaction((savepoint) =>
      insertInvitedPerson(
        savepoint,
        { email, roles: ['relative'], linkedOfficeholderId: actor.personId, relationship: body.relationship },
        actor.personId,
      ),
    );
  } catch (error) {
    const raced = isUniqueViolation(error) ? await findPersonByEmail(w.tx, email) : null;
    if (!raced) throw error;
    return inviteExistingAccount(w, deps, actor, raced, body.relationship, now);
  }
  await recordAudit(w.tx, w, {
    action: 'relative.invited',
    subjectPersonId: person.id,
    recordType: 'person',
    recordId: person.id,
    details: { relationship: body.relationship },
  });
  await issueInvitation(w, deps, { person });
  return relativeView(person, await latestInvitation(w.tx, person.id));
}

/** An invitation to an address in use with this id, when the actor may manage it (else the usual 404). */
async function accountInviteForChange(w: Work, id: string) {
  const row = await lockAccountInvite(w.tx, id);
  if (row) authorize(w.actor, 'manage', { ownerIds: [row.officeholderId] }, RELATIVE_RULES);
  return row;
}

export async function resendRelativeInvitation(deps: PeopleDeps, ctx: ServiceContext, id: string): Promise<Relative> {
  return deps.uow.run(ctx, async (w) => {
    const now = w.now;
    const other = await accountInviteForChange(w, id);
    if (other) {
      await enforceInviteLimit(w.tx, other.officeholderId, now);
      return resendAccountInvite(w, deps, other, now);
    }
    const person = await relativeForChange(w, id);
    await enforceInviteLimit(w.tx, requireActor(w).personId, now);
    ensureResendable(person);
    await issueInvitation(w, deps, { person });
    return relativeView(person, await latestInvitation(w.tx, person.id));
  });
}

export async function revokeRelativeInvitation(deps: PeopleDeps, ctx: ServiceContext, id: string): Promise<void> {
  await deps.uow.run(ctx, async (w) => {
    const other = await accountInviteForChange(w, id);
    if (other) return revokeAccountInvite(w.tx, other, w.now);
    const person = await relativeForChange(w, id);
    const pending = await pendingInvitationIds(w.tx, person.id);
    if (pending.length === 0) throw notFound('There is no pending invitation for this person.');
    for (const invitationId of pending) await revokeInvitation(w, invitationId);
  });
}

export async function removeRelative(deps: PeopleDeps, ctx: ServiceContext, id: string): Promise<void> {
  await deps.uow.run(ctx, async (w) => {
    const other = await accountInviteForChange(w, id);
    if (other) return removeAccountInvite(w.tx, other);
    const person = await relativeForChange(w, id);
    await w.tx.update(people).set({ linkedOfficeholderId: null, relationship: null }).where(eq(people.id, person.id));
    if (person.roles.includes('relative')) {
      await applyRoleChanges(w.tx, person.id, { added: [], removed: ['relative'] }, w.actor?.personId ?? null);
    }
    await recordAudit(w.tx, w, {
      action: 'relative.removed',
      subjectPersonId: person.id,
      recordType: 'person',
      recordId: person.id,
    });
    // With no other role the account has no purpose left: deactivate it (sessions end, invitation revoked).
    // Someone who also holds another role keeps their account, and any invitation, for that role.
    const otherRoles = person.roles.filter((role) => role !== 'relative');
    if (otherRoles.length === 0 && person.status !== 'deactivated') {
      await deactivateLocked(w, person, { reason: 'relative_removed' });
    }
  });
}
