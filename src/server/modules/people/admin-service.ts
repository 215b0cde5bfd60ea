import { and, count, desc, eq, gt, ilike, inArray, isNotNull, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type {
  AdminInvitationsQuery,
  AdminInvitationsResponse,
  AdminInviteBody,
  AdminPeopleQuery,
  AdminPeopleResponse,
  AdminPerson,
  AdminRolesBody,
  InvitationState,
  InvitationSummary,
} from '../../../shared/admin.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Config } from '../../config.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { type AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { endAllSessions } from '../sessions/service.ts';
import { invitations, people, personRoles } from './db.ts';
import {
  issueInvitation,
  latestInvitation,
  latestInvitationsOf,
  pendingInvitationIds,
  revokeInvitation,
} from './invitations.ts';
import {
  applyRoleChanges,
  findPersonByEmail,
  findPersonById,
  insertInvitedPerson,
  isUniqueViolation,
  lockPersonById,
  normaliseEmail,
  type PersonWithRoles,
  rolesOf,
} from './repository.ts';
import { adminPersonView, invitationSummary } from './views.ts';

/**
 * Admin people management. Admins manage accounts — who may sign in, with which roles — and see
 * account data only (see views.ts); nothing here reads a case. Every change runs in the caller's
 * transaction with its audit entry (subject: the person changed), so a change and its trail commit
 * together or not at all. Mail is queued in the same transaction and delivered by the caller after commit.
 *
 * Rules:
 * - An address belongs to one person: inviting a taken address is a 409 (`email_taken`).
 * - At least one active admin always remains (`last_admin`); an admin cannot remove their own admin
 *   role (`own_admin_role`) or deactivate themselves (`cannot_deactivate_self`). Changes that could
 *   remove an admin are serialised by a transaction-scoped advisory lock, so two admins demoting each
 *   other at the same moment cannot both succeed.
 * - `relative` is only for a person linked to an officeholder (they invite relatives themselves).
 */

export interface PeopleDeps {
  config: Config;
  keyring: Keyring;
}

/** The placeholder person of the first-start setup invitation; the first admin replaces the address on activation. */
export const SETUP_PLACEHOLDER_EMAIL = 'beheerder@setup.invalid';

/** Any bigint works; it only needs to differ from the migration and audit locks. */
const ADMIN_SET_LOCK = 4_211_930_771_023_554_203n;

/** Serialises every change that could take away an active admin, until the transaction ends. */
export async function lockAdminSet(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK.toString()}::bigint)`);
}

/** Active people holding the admin role, optionally leaving one person out. */
export async function countActiveAdmins(db: DbOrTx, options: { except?: string } = {}): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(people)
    .innerJoin(personRoles, and(eq(personRoles.personId, people.id), eq(personRoles.role, 'admin')))
    .where(and(eq(people.status, 'active'), options.except ? ne(people.id, options.except) : undefined));
  return row?.n ?? 0;
}

export const emailTaken = () => conflict('email_taken', 'Another account already uses this e-mail address.');
const lastAdmin = () => conflict('last_admin', 'At least one active admin must remain.');

function actorIdOf(ctx: ServiceContext): string | null {
  return ctx.actor?.personId ?? null;
}

async function requirePersonForChange(tx: Tx, id: string): Promise<PersonWithRoles> {
  const person = await lockPersonById(tx, id);
  if (!person) throw notFound();
  return person;
}

async function viewOf(db: DbOrTx, person: PersonWithRoles): Promise<AdminPerson> {
  return adminPersonView(person, person.roles, await latestInvitation(db, person.id));
}

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------

/** `%…%` for ILIKE, with the user's own %, _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export async function listPeople(db: DbOrTx, query: AdminPeopleQuery): Promise<AdminPeopleResponse> {
  const conditions: (SQL | undefined)[] = [];
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(or(ilike(people.displayName, pattern), ilike(people.email, pattern)));
  }
  if (query.role) {
    conditions.push(
      inArray(
        people.id,
        db.select({ id: personRoles.personId }).from(personRoles).where(eq(personRoles.role, query.role)),
      ),
    );
  }
  if (query.status) conditions.push(eq(people.status, query.status));
  const where = and(...conditions);
  const [{ n: total } = { n: 0 }] = await db.select({ n: count() }).from(people).where(where);
  const rows = await db
    .select()
    .from(people)
    .where(where)
    .orderBy(desc(people.createdAt), people.id)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const ids = rows.map((row) => row.id);
  const [roles, latest] = await Promise.all([rolesOf(db, ids), latestInvitationsOf(db, ids)]);
  return {
    people: rows.map((row) => adminPersonView(row, roles.get(row.id) ?? [], latest.get(row.id))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One person's account data. The read is audited: the person sees it under "who accessed my data". */
export async function viewPerson(tx: Tx, ctx: ServiceContext, id: string): Promise<AdminPerson> {
  const person = await findPersonById(tx, id);
  if (!person) throw notFound();
  await recordAudit(tx, ctx, { action: 'person.viewed', subjectPersonId: id, recordType: 'person', recordId: id });
  return viewOf(tx, person);
}

function stateCondition(state: InvitationState, now: Date): SQL | undefined {
  switch (state) {
    case 'used':
      return isNotNull(invitations.usedAt);
    case 'revoked':
      return and(isNull(invitations.usedAt), isNotNull(invitations.revokedAt));
    case 'expired':
      return and(isNull(invitations.usedAt), isNull(invitations.revokedAt), lte(invitations.expiresAt, now));
    case 'pending':
      return and(isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));
  }
}

export async function listInvitations(db: DbOrTx, query: AdminInvitationsQuery): Promise<AdminInvitationsResponse> {
  const now = new Date();
  const where = stateCondition(query.status, now);
  const [{ n: total } = { n: 0 }] = await db.select({ n: count() }).from(invitations).where(where);
  const rows = await db
    .select({
      id: invitations.id,
      personId: invitations.personId,
      kind: invitations.kind,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      revokedAt: invitations.revokedAt,
      email: people.email,
      displayName: people.displayName,
    })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(where)
    .orderBy(desc(invitations.createdAt), invitations.id)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    invitations: rows.map((row) => ({
      ...(invitationSummary(row, now) as InvitationSummary),
      person: { id: row.personId, displayName: row.displayName, email: row.email },
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ---------------------------------------------------------------------------------------------------
// Changing
// ---------------------------------------------------------------------------------------------------

/** Creates an invited person with the given roles and mails them an activation link. */
export async function invitePerson(
  tx: Tx,
  ctx: ServiceContext,
  deps: PeopleDeps,
  body: AdminInviteBody,
): Promise<AdminPerson> {
  const email = normaliseEmail(body.email);
  if (await findPersonByEmail(tx, email)) throw emailTaken();
  const roles = [...new Set(body.roles)].sort() as Role[];
  let created: Awaited<ReturnType<typeof insertInvitedPerson>>;
  try {
    created = await insertInvitedPerson(
      tx,
      {
        email,
        roles,
        displayName: body.displayName ?? null,
        office: body.office ?? null,
        region: body.region ?? null,
        association: body.association ?? null,
        expertField: body.expertField ?? null,
      },
      actorIdOf(ctx),
    );
  } catch (error) {
    // Two admins inviting the same address at once: the unique index decides, the loser gets a 409.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: 'person.invited',
    subjectPersonId: created.id,
    recordType: 'person',
    recordId: created.id,
    details: { roles: roles.join(',') },
  });
  await issueInvitation(tx, ctx, deps, { person: created });
  return viewOf(tx, { ...created, roles });
}

function fieldProblem(field: string, message: string): AppError {
  return badRequest('validation_failed', 'One or more fields are not valid.', [
    { field: `body/${field}`, message, code: 'custom' },
  ]);
}

/** Replaces a person's roles (and the association / expert field that go with confidant / expert). */
export async function changeRoles(tx: Tx, ctx: ServiceContext, id: string, body: AdminRolesBody): Promise<AdminPerson> {
  await lockAdminSet(tx);
  const person = await requirePersonForChange(tx, id);
  const next = [...new Set(body.roles)].sort() as Role[];
  const added = next.filter((role) => !person.roles.includes(role));
  const removed = person.roles.filter((role) => !next.includes(role));

  if (removed.includes('admin') && ctx.actor?.personId === id) {
    throw conflict('own_admin_role', 'You cannot remove your own admin role; ask another admin.');
  }
  if (added.includes('relative') && !person.linkedOfficeholderId) {
    throw badRequest('relative_needs_link', 'Only an officeholder can invite a relative; the role needs that link.', [
      { field: 'body/roles', message: 'relative needs a linked officeholder', code: 'custom' },
    ]);
  }
  const association = next.includes('confidant') ? (body.association ?? person.association) : null;
  const expertField = next.includes('expert') ? (body.expertField ?? person.expertField) : null;
  if (next.includes('confidant') && !association)
    throw fieldProblem('association', 'A confidant needs an association.');
  if (next.includes('expert') && !expertField) throw fieldProblem('expertField', 'An expert needs a field.');
  if (removed.includes('admin') && person.status === 'active' && (await countActiveAdmins(tx, { except: id })) === 0) {
    throw lastAdmin();
  }

  // Without the role `relative` the link to the officeholder goes too: they no longer see or manage this person.
  const linkedOfficeholderId = removed.includes('relative') ? null : person.linkedOfficeholderId;
  const detailsChanged =
    association !== person.association ||
    expertField !== person.expertField ||
    linkedOfficeholderId !== person.linkedOfficeholderId;
  if (added.length === 0 && removed.length === 0 && !detailsChanged) return viewOf(tx, person);

  await applyRoleChanges(tx, id, { added, removed }, actorIdOf(ctx));
  if (detailsChanged) {
    await tx.update(people).set({ association, expertField, linkedOfficeholderId }).where(eq(people.id, id));
  }
  await recordAudit(tx, ctx, {
    action: 'person.roles_changed',
    subjectPersonId: id,
    recordType: 'person',
    recordId: id,
    details: {
      added: added.join(','),
      removed: removed.join(','),
      association: association ?? null,
      expertField: expertField ?? null,
      ...(linkedOfficeholderId !== person.linkedOfficeholderId ? { unlinkedFromOfficeholder: true } : {}),
    },
  });
  return viewOf(tx, { ...person, roles: next, association, expertField, linkedOfficeholderId });
}

/**
 * Deactivates an account: it can no longer sign in, every live session ends at once (the next request
 * of any of them is anonymous), and a pending invitation is revoked.
 */
export async function deactivatePerson(tx: Tx, ctx: ServiceContext, id: string): Promise<AdminPerson> {
  await lockAdminSet(tx);
  const person = await requirePersonForChange(tx, id);
  if (ctx.actor?.personId === id) {
    throw conflict('cannot_deactivate_self', 'You cannot deactivate your own account; ask another admin.');
  }
  if (person.status === 'deactivated') throw conflict('already_deactivated', 'This account is already deactivated.');
  if (
    person.status === 'active' &&
    person.roles.includes('admin') &&
    (await countActiveAdmins(tx, { except: id })) === 0
  ) {
    throw lastAdmin();
  }
  return deactivateLocked(tx, ctx, person, { reason: 'admin' });
}

/** Shared by admin deactivation and an officeholder removing their relative. */
export async function deactivateLocked(
  tx: Tx,
  ctx: ServiceContext,
  person: PersonWithRoles,
  audit: { reason: 'admin' | 'relative_removed' },
): Promise<AdminPerson> {
  const now = new Date();
  await tx.update(people).set({ status: 'deactivated', deactivatedAt: now }).where(eq(people.id, person.id));
  for (const invitationId of await pendingInvitationIds(tx, person.id)) {
    await revokeInvitation(tx, ctx, invitationId);
  }
  await endAllSessions(tx, ctx, person.id, 'deactivated');
  await recordAudit(tx, ctx, {
    action: 'person.deactivated',
    subjectPersonId: person.id,
    recordType: 'person',
    recordId: person.id,
    details: { reason: audit.reason },
  });
  return viewOf(tx, { ...person, status: 'deactivated', deactivatedAt: now });
}

/**
 * Gives a deactivated account back its access: `active` when the person had activated before (their
 * sign-in methods still work), else `invited` (send a new invitation). No session comes back.
 */
export async function reactivatePerson(tx: Tx, ctx: ServiceContext, id: string): Promise<AdminPerson> {
  await lockAdminSet(tx);
  const person = await requirePersonForChange(tx, id);
  if (person.status !== 'deactivated') throw conflict('not_deactivated', 'This account is not deactivated.');
  const status = person.activatedAt ? 'active' : 'invited';
  await tx.update(people).set({ status, deactivatedAt: null }).where(eq(people.id, id));
  await recordAudit(tx, ctx, {
    action: 'person.reactivated',
    subjectPersonId: id,
    recordType: 'person',
    recordId: id,
    details: { status },
  });
  return viewOf(tx, { ...person, status, deactivatedAt: null });
}

/** A new activation link for someone still invited; the previous link stops working. */
export async function resendInvitation(
  tx: Tx,
  ctx: ServiceContext,
  deps: PeopleDeps,
  id: string,
): Promise<InvitationSummary> {
  const person = await requirePersonForChange(tx, id);
  ensureResendable(person);
  const issued = await issueInvitation(tx, ctx, deps, { person });
  const row = await latestInvitation(tx, person.id);
  if (!row || row.id !== issued.invitationId) throw new Error('the new invitation is not the latest');
  return invitationSummary(row) as InvitationSummary;
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
export async function revokeInvitationAsAdmin(tx: Tx, ctx: ServiceContext, invitationId: string): Promise<void> {
  const [row] = await tx
    .select({ expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), isNull(invitations.usedAt), isNull(invitations.revokedAt)));
  if (!row || row.expiresAt.getTime() <= Date.now()) throw notFound();
  if (!(await revokeInvitation(tx, ctx, invitationId))) throw notFound();
}

// ---------------------------------------------------------------------------------------------------
// The CLI's create-admin
// ---------------------------------------------------------------------------------------------------

export type CreateAdminOutcome =
  | { outcome: 'invited' | 'reinvited'; personId: string; link: string; expiresAt: Date }
  | { outcome: 'granted' | 'already_admin'; personId: string };

/**
 * `npm run cli -- create-admin <email>`: makes sure this address has an admin account.
 * - unknown address: a new invited admin, with an activation link (also mailed);
 * - invited person: gets the admin role and a fresh link (the old one stops working);
 * - active person: gets the admin role, no link needed (they sign in as before);
 * - deactivated person: refused — reactivate deliberately first.
 */
export async function createAdmin(
  tx: Tx,
  ctx: ServiceContext,
  deps: PeopleDeps,
  rawEmail: string,
): Promise<CreateAdminOutcome> {
  const email = normaliseEmail(rawEmail);
  const found = await findPersonByEmail(tx, email);
  if (!found) {
    const person = await insertInvitedPerson(tx, { email, roles: ['admin'] }, actorIdOf(ctx));
    await recordAudit(tx, ctx, {
      action: 'person.invited',
      subjectPersonId: person.id,
      recordType: 'person',
      recordId: person.id,
      details: { roles: 'admin', via: 'cli' },
    });
    const issued = await issueInvitation(tx, ctx, deps, { person });
    return { outcome: 'invited', personId: person.id, link: issued.link, expiresAt: issued.expiresAt };
  }
  const person = await requirePersonForChange(tx, found.id);
  if (person.status === 'deactivated') {
    throw conflict('deactivated', `The account of ${email} is deactivated; reactivate it first (admin page).`);
  }
  const hadAdmin = person.roles.includes('admin');
  if (!hadAdmin) {
    await applyRoleChanges(tx, person.id, { added: ['admin'], removed: [] }, actorIdOf(ctx));
    await recordAudit(tx, ctx, {
      action: 'person.roles_changed',
      subjectPersonId: person.id,
      recordType: 'person',
      recordId: person.id,
      details: { added: 'admin', removed: '', via: 'cli' },
    });
  }
  if (person.status === 'active') return { outcome: hadAdmin ? 'already_admin' : 'granted', personId: person.id };
  const issued = await issueInvitation(tx, ctx, deps, { person });
  return { outcome: 'reinvited', personId: person.id, link: issued.link, expiresAt: issued.expiresAt };
}
