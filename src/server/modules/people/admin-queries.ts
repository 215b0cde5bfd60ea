import { and, count, desc, eq, gt, ilike, inArray, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import type {
  AdminInvitationsQuery,
  AdminInvitationsResponse,
  AdminPeopleQuery,
  AdminPeopleResponse,
  InvitationState,
  InvitationSummary,
} from '../../../shared/admin.ts';
import type { DbOrTx } from '../../db/index.ts';
import { containsPattern } from '../../lib/text-search.ts';
import { invitations, people, personRoles } from './db.ts';
import { latestInvitationsOf } from './invitations.ts';
import { rolesOf } from './repository.ts';
import { adminPersonView, invitationSummary } from './views.ts';

/**
 * The admin's lists of people and invitations: account data only (views.ts), read without a change, so
 * outside the unit of work. One person's page is a command (it is audited): admin-service.ts.
 */

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
