import { and, eq, isNull } from 'drizzle-orm';
import type { AdminInviteBody, AdminPerson, InvitationSummary } from '../../../shared/admin.ts';
import { isCaseReadingRole, type Role, rolesConflict } from '../../../shared/roles.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { endAllSessions } from '../sessions/service.ts';
import { requireFreshActor } from '../sessions/step-up.ts';
import { countActiveAdmins, lastAdmin, lockAdminSet, SETUP_PLACEHOLDER_EMAIL } from './admin-set.ts';
import { invitations, people } from './db.ts';
import type { AdminPeopleDeps, PeopleDeps } from './deps.ts';
import { issueInvitation, latestInvitation, pendingInvitationIds, revokeInvitation } from './invitations.ts';
import {
  findPersonByEmail,
  findPersonById,
  insertInvitedPerson,
  isUniqueViolation,
  lockPersonById,
  normaliseEmail,
  type PersonWithRoles,
} from './repository.ts';
import { openGrantOf, requestRoleGrant, rolesConflictProblem } from './role-grants.ts';
import { adminPersonView, invitationSummary } from './views.ts';

/**
 * Admin people management. Admins manage accounts — who may sign in, with which roles — and see
 * account data only (see views.ts); nothing here reads a case. Every command runs in one unit of work
 * with its audit entry (subject: the person changed), so a change and its trail commit together or not
 * at all; a mail it sends is delivered after the commit. The lists are in admin-queries.ts.
 *
 * Rules:
 * - An address belongs to one person: inviting a taken address is a 409 (`email_taken`).
 * - At least one active admin always remains (`last_admin`); nobody changes their own roles (`own_roles`,
 *   roles-service.ts) or deactivates themselves (`cannot_deactivate_self`). Changes that could remove an
 *   admin are serialised by the admin-set lock (admin-set.ts).
 * - Separation of duties: `admin` never with a role that reads cases; such a role is granted only through
 *   a request a second admin approves (role-grants.ts).
 * - `relative` is only for a person linked to an officeholder (they invite relatives themselves).
 */

export const emailTaken = () => conflict('email_taken', 'Another account already uses this e-mail address.');

function actorIdOf(ctx: ServiceContext): string | null {
  return ctx.actor?.personId ?? null;
}

export async function requirePersonForChange(w: Work, id: string): Promise<PersonWithRoles> {
  const person = await lockPersonById(w.tx, id);
  if (!person) throw notFound();
  return person;
}

/** The admin's view of a person, with the role request waiting for them (mayApprove: for this reader). */
export async function viewOf(db: DbOrTx, person: PersonWithRoles, readerId: string | null): Promise<AdminPerson> {
  return {
    ...adminPersonView(person, person.roles, await latestInvitation(db, person.id)),
    pendingRoleGrant: await openGrantOf(db, person.id, readerId),
  };
}

/** One person's account data. The read is audited: the person sees it under "who accessed my data". */
export async function viewPerson(deps: PeopleDeps, ctx: ServiceContext, id: string): Promise<AdminPerson> {
  return deps.uow.run(ctx, async (w) => {
    const person = await findPersonById(w.tx, id);
    if (!person) throw notFound();
    await recordAudit(w.tx, w, { action: 'person.viewed', subjectPersonId: id, recordType: 'person', recordId: id });
    return viewOf(w.tx, person, actorIdOf(w));
  });
}

/**
 * Creates an invited person with the given roles and mails them an activation link. Roles that read cases
 * become a request a second admin approves (role-grants.ts); when the person has no other role, the
 * activation link waits for that approval.
 */
export async function invitePerson(
  deps: AdminPeopleDeps,
  ctx: ServiceContext,
  body: AdminInviteBody,
): Promise<{ person: AdminPerson; pendingApproval: boolean }> {
  return deps.uow.run(ctx, async (w) => {
    const email = normaliseEmail(body.email);
    if (await findPersonByEmail(w.tx, email)) throw emailTaken();
    const requested = [...new Set(body.roles)].sort() as Role[];
    if (rolesConflict(requested)) throw rolesConflictProblem();
    const asked = requested.filter(isCaseReadingRole);
    const roles = requested.filter((role) => !isCaseReadingRole(role));
    if (asked.length > 0) requireFreshActor(w.actor, deps.config.STEP_UP_MINUTES, w.now);
    let created: Awaited<ReturnType<typeof insertInvitedPerson>>;
    try {
      created = await insertInvitedPerson(
        w.tx,
        {
          email,
          roles,
          displayName: body.displayName ?? null,
          office: body.office ?? null,
          region: body.region ?? null,
          // A confidant's association and an expert's field come with the approval of those roles.
          association: null,
          expertField: null,
        },
        actorIdOf(w),
      );
    } catch (error) {
      // Two admins inviting the same address at once: the unique index decides, the loser gets a 409.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    await recordAudit(w.tx, w, {
      action: 'person.invited',
      subjectPersonId: created.id,
      recordType: 'person',
      recordId: created.id,
      details: { roles: roles.join(','), ...(asked.length > 0 ? { awaitingApproval: asked.join(',') } : {}) },
    });
    const person = { ...created, roles };
    if (asked.length > 0) {
      await requestRoleGrant(w, deps, person, {
        roles: asked,
        association: body.association ?? null,
        expertField: body.expertField ?? null,
      });
    }
    if (roles.length > 0) await issueInvitation(w, deps, { person: created });
    return { person: await viewOf(w.tx, person, actorIdOf(w)), pendingApproval: asked.length > 0 };
  });
}

/**
 * Deactivates an account: it can no longer sign in, every live session ends at once (the next request
 * of any of them is anonymous), and a pending invitation is revoked.
 */
export async function deactivatePerson(deps: PeopleDeps, ctx: ServiceContext, id: string): Promise<AdminPerson> {
  return deps.uow.run(ctx, async (w) => {
    await lockAdminSet(w.tx);
    const person = await requirePersonForChange(w, id);
    if (w.actor?.personId === id) {
      throw conflict('cannot_deactivate_self', 'You cannot deactivate your own account; ask another admin.');
    }
    if (person.status === 'deactivated') throw conflict('already_deactivated', 'This account is already deactivated.');
    if (
      person.status === 'active' &&
      person.roles.includes('admin') &&
      (await countActiveAdmins(w.tx, { except: id })) === 0
    ) {
      throw lastAdmin();
    }
    return deactivateLocked(w, person, { reason: 'admin' });
  });
}

/** Shared by admin deactivation and an officeholder removing their relative; runs in the caller's unit. */
export async function deactivateLocked(
  w: Work,
  person: PersonWithRoles,
  audit: { reason: 'admin' | 'relative_removed' },
): Promise<AdminPerson> {
  const now = new Date();
  await w.tx.update(people).set({ status: 'deactivated', deactivatedAt: now }).where(eq(people.id, person.id));
  for (const invitationId of await pendingInvitationIds(w.tx, person.id)) {
    await revokeInvitation(w, invitationId);
  }
  await endAllSessions(w.tx, w, person.id, 'deactivated');
  await recordAudit(w.tx, w, {
    action: 'person.deactivated',
    subjectPersonId: person.id,
    recordType: 'person',
    recordId: person.id,
    details: { reason: audit.reason },
  });
  return viewOf(w.tx, { ...person, status: 'deactivated', deactivatedAt: now }, w.actor?.personId ?? null);
}

/**
 * Gives a deactivated account back its access: `active` when the person had activated before (their
 * sign-in methods still work), else `invited` (send a new invitation). No session comes back.
 */
export async function reactivatePerson(deps: PeopleDeps, ctx: ServiceContext, id: string): Promise<AdminPerson> {
  return deps.uow.run(ctx, async (w) => {
    await lockAdminSet(w.tx);
    const person = await requirePersonForChange(w, id);
    if (person.status !== 'deactivated') throw conflict('not_deactivated', 'This account is not deactivated.');
    const status = person.activatedAt ? 'active' : 'invited';
    await w.tx.update(people).set({ status, deactivatedAt: null }).where(eq(people.id, id));
    await recordAudit(w.tx, w, {
      action: 'person.reactivated',
      subjectPersonId: id,
      recordType: 'person',
      recordId: id,
      details: { status },
    });
    return viewOf(w.tx, { ...person, status, deactivatedAt: null }, actorIdOf(w));
  });
}

/** A new activation link for someone still invited; the previous link stops working. */
export async function resendInvitation(deps: PeopleDeps, ctx: ServiceContext, id: string): Promise<InvitationSummary> {
  return deps.uow.run(ctx, async (w) => {
    const person = await requirePersonForChange(w, id);
    ensureResendable(person);
    const issued = await issueInvitation(w, deps, { person });
    const row = await latestInvitation(w.tx, person.id);
    if (!row || row.id !== issued.invitationId) throw new Error('the new invitation is not the latest');
    return invitationSummary(row) as InvitationSummary;
  });
}

export function ensureResendable(person: PersonWithRoles): void {
  if (person.status !== 'invited') {
    throw conflict('not_invited', 'This person has already activated their account, or it is deactivated.');
  }
  if (person.email === SETUP_PLACEHOLDER_EMAIL) {
    throw conflict('setup_invitation', 'The setup link is printed when the server starts; restart it for a new one.');
  }
}

/** Revokes a pending invitation; a used, revoked or unknown one is a 404. */
export async function revokeInvitationAsAdmin(
  deps: PeopleDeps,
  ctx: ServiceContext,
  invitationId: string,
): Promise<void> {
  await deps.uow.run(ctx, async (w) => {
    const [row] = await w.tx
      .select({ expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), isNull(invitations.usedAt), isNull(invitations.revokedAt)));
    if (!row || row.expiresAt.getTime() <= Date.now()) throw notFound();
    if (!(await revokeInvitation(w, invitationId))) throw notFound();
  });
}
