import { aliasedTable, and, asc, count, desc, eq, gt, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import {
  ROLE_GRANT_SUBJECT,
  type RoleGrant,
  type RoleGrantsQuery,
  type RoleGrantsResponse,
} from '../../../shared/admin.ts';
import { type CaseReadingRole, isCaseReadingRole, rolesConflict } from '../../../shared/roles.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { requireFreshActor } from '../sessions/step-up.ts';
import { lockAdminSet } from './admin-set.ts';
import { people, personRoles, roleGrants } from './db.ts';
import type { AdminPeopleDeps } from './deps.ts';
import { issueInvitation, pendingInvitationIds } from './invitations.ts';
import { applyRoleChanges, lockPersonById, type PersonWithRoles } from './repository.ts';

/**
 * Four eyes on the roles that read cases (CASE_READING_ROLES in src/shared/roles.ts). An admin who gives
 * someone such a role does not grant it: after a fresh sign-in they make a request, which waits here
 * until a second admin approves it (then the roles are granted) or an admin turns it down. Every other
 * admin is notified of the request; at the approval the person and every other admin are. Nobody acts
 * on their own roles, and an admin never holds one of these roles (the database refuses it as well).
 */

/** A request waits this long for a second admin; after that it lapses and must be made again. */
export const ROLE_GRANT_TTL_MS = 7 * 24 * 3_600_000;

export const ownRoles = () => conflict('own_roles', 'You cannot change your own roles; ask another admin.');
export const rolesConflictProblem = () =>
  conflict('roles_conflict', 'An admin cannot hold a role that reads cases (separation of duties).');

type GrantRow = typeof roleGrants.$inferSelect;

export interface GrantRequest {
  roles: CaseReadingRole[];
  association: string | null;
  expertField: string | null;
}

/** Active admins, optionally without one person (who acted). */
async function activeAdminIds(db: DbOrTx, except: string | null): Promise<string[]> {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .innerJoin(personRoles, and(eq(personRoles.personId, people.id), eq(personRoles.role, 'admin')))
    .where(and(eq(people.status, 'active'), except ? ne(people.id, except) : undefined));
  return rows.map((row) => row.id);
}

/** Requests past their time are closed as `expired`, so a new one can be made. */
async function expireLapsed(tx: Tx, now: Date, personId?: string): Promise<void> {
  await tx
    .update(roleGrants)
    .set({ decision: 'expired', decidedAt: now })
    .where(
      and(
        isNull(roleGrants.decidedAt),
        lte(roleGrants.expiresAt, now),
        personId ? eq(roleGrants.personId, personId) : undefined,
      ),
    );
}

/**
 * Asks for case-reading roles for a person, inside the caller's unit of work (a role change or an
 * invitation): needs a fresh sign-in, and refuses a second open request for the same person.
 */
export async function requestRoleGrant(
  w: Work,
  deps: AdminPeopleDeps,
  person: PersonWithRoles,
  request: GrantRequest,
): Promise<void> {
  const actorId = w.actor?.personId ?? null;
  requireFreshActor(w.actor, deps.config.STEP_UP_MINUTES, w.now);
  if (!actorId) throw notFound();
  if (actorId === person.id) throw ownRoles();
  if (rolesConflict([...person.roles, ...request.roles])) throw rolesConflictProblem();
  await expireLapsed(w.tx, w.now, person.id);
  const [open] = await w.tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.personId, person.id), isNull(roleGrants.decidedAt)));
  if (open) throw conflict('role_grant_pending', 'A role request for this person is already waiting.');
  const roles = [...new Set(request.roles)].sort();
  const [created] = await w.tx
    .insert(roleGrants)
    .values({
      personId: person.id,
      roles,
      association: roles.includes('confidant') ? request.association : null,
      expertField: roles.includes('expert') ? request.expertField : null,
      requestedBy: actorId,
      requestedAt: w.now,
      expiresAt: new Date(w.now.getTime() + ROLE_GRANT_TTL_MS),
    })
    .returning({ id: roleGrants.id });
  if (!created) throw new Error('role grant insert returned nothing');
  await recordAudit(w.tx, w, {
    action: 'person.role_grant_requested',
    subjectPersonId: person.id,
    recordType: 'role_grant',
    recordId: created.id,
    details: { roles: roles.join(',') },
  });
  await deps.notifications.notify(w, await activeAdminIds(w.tx, actorId), 'role_grant_requested', {
    type: ROLE_GRANT_SUBJECT,
    id: created.id,
  });
}

async function lockOpenGrant(w: Work, id: string): Promise<GrantRow> {
  const [grant] = await w.tx.select().from(roleGrants).where(eq(roleGrants.id, id)).for('update');
  // A decided or lapsed request is no longer waiting: the same 404 as one that does not exist.
  if (!grant || grant.decidedAt || grant.expiresAt.getTime() <= w.now.getTime()) throw notFound();
  return grant;
}

/**
 * A second admin approves: fresh sign-in, not the admin who asked, and the person must still be able to
 * hold the roles (not an admin meanwhile, not deactivated). Grants the roles; an invited person whose
 * invitation waited for this gets it now.
 */
export async function approveRoleGrant(deps: AdminPeopleDeps, ctx: ServiceContext, id: string): Promise<RoleGrant> {
  return deps.uow.run(ctx, async (w) => {
    const actorId = w.actor?.personId ?? null;
    requireFreshActor(w.actor, deps.config.STEP_UP_MINUTES, w.now);
    if (!actorId) throw notFound();
    await lockAdminSet(w.tx);
    const grant = await lockOpenGrant(w, id);
    if (grant.requestedBy === actorId) {
      throw conflict('four_eyes', 'A second admin must approve this; you cannot approve your own request.');
    }
    const person = await lockPersonById(w.tx, grant.personId);
    if (!person) throw notFound();
    if (person.id === actorId) throw ownRoles();
    if (person.status === 'deactivated') {
      throw conflict('deactivated', 'This account is deactivated; reactivate it first.');
    }
    const roles = grant.roles.filter(isCaseReadingRole);
    if (rolesConflict([...person.roles, ...roles])) throw rolesConflictProblem();
    const added = roles.filter((role) => !person.roles.includes(role));
    await applyRoleChanges(w.tx, person.id, { added, removed: [] }, actorId);
    const details = {
      ...(grant.association ? { association: grant.association } : {}),
      ...(grant.expertField ? { expertField: grant.expertField } : {}),
    };
    if (Object.keys(details).length > 0) await w.tx.update(people).set(details).where(eq(people.id, person.id));
    await w.tx
      .update(roleGrants)
      .set({ decision: 'approved', decidedBy: actorId, decidedAt: w.now })
      .where(eq(roleGrants.id, grant.id));
    await recordAudit(w.tx, w, {
      action: 'person.role_grant_approved',
      subjectPersonId: person.id,
      recordType: 'role_grant',
      recordId: grant.id,
      details: { roles: roles.join(','), requestedBy: grant.requestedBy },
    });
    const subject = { type: ROLE_GRANT_SUBJECT, id: grant.id };
    await deps.notifications.notify(w, [person.id], 'role_granted', subject);
    await deps.notifications.notify(w, await activeAdminIds(w.tx, actorId), 'role_grant_approved', subject);
    if (person.status === 'invited' && (await pendingInvitationIds(w.tx, person.id)).length === 0) {
      await issueInvitation(w, deps, { person });
    }
    return grantView(w.tx, grant.id, actorId);
  });
}

/** Any admin turns a waiting request down; the admin who asked withdraws it. Nothing is granted. */
export async function rejectRoleGrant(deps: AdminPeopleDeps, ctx: ServiceContext, id: string): Promise<RoleGrant> {
  return deps.uow.run(ctx, async (w) => {
    const actorId = w.actor?.personId ?? null;
    if (!actorId) throw notFound();
    const grant = await lockOpenGrant(w, id);
    const decision = grant.requestedBy === actorId ? 'withdrawn' : 'rejected';
    await w.tx
      .update(roleGrants)
      .set({ decision, decidedBy: actorId, decidedAt: w.now })
      .where(eq(roleGrants.id, grant.id));
    await recordAudit(w.tx, w, {
      action: 'person.role_grant_rejected',
      subjectPersonId: grant.personId,
      recordType: 'role_grant',
      recordId: grant.id,
      details: { roles: grant.roles.join(','), decision },
    });
    await deps.notifications.notify(w, await activeAdminIds(w.tx, actorId), 'role_grant_rejected', {
      type: ROLE_GRANT_SUBJECT,
      id: grant.id,
    });
    return grantView(w.tx, grant.id, actorId);
  });
}

const grantPerson = aliasedTable(people, 'grant_person');
const grantRequester = aliasedTable(people, 'grant_requester');
const grantDecider = aliasedTable(people, 'grant_decider');

function grantQuery(db: DbOrTx) {
  return db
    .select({
      grant: roleGrants,
      personName: grantPerson.displayName,
      personEmail: grantPerson.email,
      requesterName: grantRequester.displayName,
      deciderName: grantDecider.displayName,
    })
    .from(roleGrants)
    .innerJoin(grantPerson, eq(grantPerson.id, roleGrants.personId))
    .leftJoin(grantRequester, eq(grantRequester.id, roleGrants.requestedBy))
    .leftJoin(grantDecider, eq(grantDecider.id, roleGrants.decidedBy));
}

interface GrantQueryRow {
  grant: GrantRow;
  personName: string | null;
  personEmail: string;
  requesterName: string | null;
  deciderName: string | null;
}

function toView(row: GrantQueryRow, readerId: string | null, now: Date): RoleGrant {
  const { grant } = row;
  const waiting = !grant.decidedAt && grant.expiresAt.getTime() > now.getTime();
  return {
    id: grant.id,
    person: { id: grant.personId, displayName: row.personName, email: row.personEmail },
    roles: grant.roles.filter(isCaseReadingRole),
    association: grant.association,
    expertField: grant.expertField,
    requestedBy: { id: grant.requestedBy, displayName: row.requesterName },
    requestedAt: grant.requestedAt.toISOString(),
    expiresAt: grant.expiresAt.toISOString(),
    decision: grant.decision ?? (waiting ? null : 'expired'),
    decidedBy: grant.decidedBy ? { id: grant.decidedBy, displayName: row.deciderName } : null,
    decidedAt: grant.decidedAt?.toISOString() ?? null,
    mayApprove: waiting && readerId !== null && readerId !== grant.requestedBy && readerId !== grant.personId,
  };
}

async function grantView(db: DbOrTx, id: string, readerId: string | null): Promise<RoleGrant> {
  const [row] = await grantQuery(db).where(eq(roleGrants.id, id));
  if (!row) throw notFound();
  return toView(row, readerId, new Date());
}

/** The request waiting for this person, if any (the admin person page shows it). */
export async function openGrantOf(db: DbOrTx, personId: string, readerId: string | null): Promise<RoleGrant | null> {
  const now = new Date();
  const rows: GrantQueryRow[] = await grantQuery(db).where(
    and(eq(roleGrants.personId, personId), isNull(roleGrants.decidedAt)),
  );
  const row = rows.find((candidate) => candidate.grant.expiresAt.getTime() > now.getTime());
  return row ? toView(row, readerId, now) : null;
}

/** Waiting requests (oldest first: they lapse first) or decided and lapsed ones (newest first), by page. */
export async function listRoleGrants(
  db: DbOrTx,
  readerId: string | null,
  query: RoleGrantsQuery,
): Promise<RoleGrantsResponse> {
  const now = new Date();
  const waiting = query.state === 'pending';
  const where = waiting
    ? and(isNull(roleGrants.decidedAt), gt(roleGrants.expiresAt, now))
    : or(isNotNull(roleGrants.decidedAt), lte(roleGrants.expiresAt, now));
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(roleGrants).where(where);
  const rows = await grantQuery(db)
    .where(where)
    .orderBy(waiting ? asc(roleGrants.requestedAt) : desc(roleGrants.requestedAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    grants: rows.map((row) => toView(row, readerId, now)),
    total: n,
    page: query.page,
    pageSize: query.pageSize,
  };
}
