import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { people, personRoles } from '../people/db.ts';
import {
  caseAssignments,
  caseAttachments,
  caseEvents,
  caseGrants,
  caseMessages,
  caseNotes,
  caseReadMarkers,
  cases,
} from './db.ts';
import type { CaseTypeRegistry } from './registry.ts';
import type { Assignee, CaseRow, CaseState, GrantRow, MyCaseRow, StaffProfile } from './types.ts';

/** The SQL of the case core: cases, assignments, grants, events, read markers and the people around them. */

/**
 * The case with what access decisions need, or null when it does not exist, is a tombstone or is of a
 * type no module registered. With `forUpdate`, the row is locked until the transaction ends, so
 * concurrent actions serialise.
 */
export async function loadCase(
  db: DbOrTx,
  registry: CaseTypeRegistry,
  caseId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseState | null> {
  const query = db.select().from(cases).where(eq(cases.id, caseId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row || row.erasedAt || !registry.has(row.type)) return null;
  const definition = registry.get(row.type);
  const data = await loadTypeData(db, registry, [row]);
  if (!data.has(row.id)) return null;
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
    data: data.get(row.id),
    definition,
    assignees,
    grants: grantRows.map(({ grant, displayName }) => ({ ...grant, displayName })),
  };
}

/**
 * The type data of these rows (all of registered types), by case id. A type without tables has
 * `undefined` for each of its cases; a type with tables that misses a row leaves the case out.
 */
export async function loadTypeData(
  db: DbOrTx,
  registry: CaseTypeRegistry,
  rows: readonly CaseRow[],
): Promise<Map<string, unknown>> {
  const result = new Map<string, unknown>();
  const byType = new Map<string, string[]>();
  for (const row of rows) byType.set(row.type, [...(byType.get(row.type) ?? []), row.id]);
  for (const [type, ids] of byType) {
    const definition = registry.get(type);
    if (!definition.data) {
      for (const id of ids) result.set(id, undefined);
      continue;
    }
    for (const [id, data] of await definition.data.load(db, ids)) result.set(id, data);
  }
  return result;
}

/** Current assignees of these cases, by case id. */
export async function assigneesOf(db: DbOrTx, caseIds: readonly string[]): Promise<Map<string, Assignee[]>> {
  const result = new Map<string, Assignee[]>();
  if (caseIds.length === 0) return result;
  const rows = await db
    .select({ caseId: caseAssignments.caseId, personId: caseAssignments.personId, displayName: people.displayName })
    .from(caseAssignments)
    .innerJoin(people, eq(people.id, caseAssignments.personId))
    .where(and(inArray(caseAssignments.caseId, [...caseIds]), isNull(caseAssignments.endedAt)));
  for (const row of rows) {
    result.set(row.caseId, [
      ...(result.get(row.caseId) ?? []),
      { personId: row.personId, displayName: row.displayName },
    ]);
  }
  return result;
}

/** Inserts a case unless its reference is taken (then undefined: draw another). */
export async function insertCase(tx: Tx, values: typeof cases.$inferInsert): Promise<CaseRow | undefined> {
  const [row] = await tx.insert(cases).values(values).onConflictDoNothing({ target: cases.reference }).returning();
  return row;
}

export async function updateCase(tx: Tx, caseId: string, patch: Partial<CaseRow>): Promise<CaseRow> {
  const [row] = await tx.update(cases).set(patch).where(eq(cases.id, caseId)).returning();
  if (!row) throw notFound();
  return row;
}

/** The row, locked, for the jobs (which act without a person and load the rest themselves). */
export async function lockCaseRow(tx: Tx, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  return row;
}

export interface CaseEvent {
  kind: string;
  actorId: string | null;
  visibility: 'requester' | 'staff';
  fromStatus?: string | null;
  toStatus?: string | null;
  details?: Record<string, string | number | boolean | null> | null;
  at?: Date;
}

export async function insertEvent(tx: Tx, caseId: string, event: CaseEvent): Promise<void> {
  await tx.insert(caseEvents).values({
    caseId,
    kind: event.kind,
    actorId: event.actorId,
    visibility: event.visibility,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    details: event.details ?? null,
    ...(event.at ? { at: event.at } : {}),
  });
}

export async function timelineOf(db: DbOrTx, caseId: string, staff: boolean) {
  return db
    .select({ event: caseEvents, actorName: people.displayName })
    .from(caseEvents)
    .leftJoin(people, eq(people.id, caseEvents.actorId))
    .where(and(eq(caseEvents.caseId, caseId), staff ? undefined : eq(caseEvents.visibility, 'requester')))
    .orderBy(asc(caseEvents.at));
}

export async function insertAssignment(tx: Tx, caseId: string, personId: string, by: string, at: Date) {
  await tx.insert(caseAssignments).values({ caseId, personId, assignedBy: by, assignedAt: at });
}

export async function endAssignments(tx: Tx, caseId: string, now: Date): Promise<void> {
  await tx
    .update(caseAssignments)
    .set({ endedAt: now })
    .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)));
}

/** Up to now, the person has read the case (reading or writing its messages). */
export async function markCaseRead(tx: Tx, caseId: string, personId: string, at: Date): Promise<void> {
  await tx
    .insert(caseReadMarkers)
    .values({ caseId, personId, readAt: at })
    .onConflictDoUpdate({ target: [caseReadMarkers.caseId, caseReadMarkers.personId], set: { readAt: at } });
}

export async function staffProfile(db: DbOrTx, actor: Actor): Promise<StaffProfile> {
  const [person] = await db
    .select({ association: people.association })
    .from(people)
    .where(eq(people.id, actor.personId));
  return { personId: actor.personId, roles: actor.roles, association: person?.association ?? null };
}

/** Active people holding any of these roles, each with all of those roles they hold. */
export async function staffHolding(db: DbOrTx, roles: readonly Role[]): Promise<StaffProfile[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .select({ personId: people.id, association: people.association, role: personRoles.role })
    .from(personRoles)
    .innerJoin(people, eq(people.id, personRoles.personId))
    .where(and(inArray(personRoles.role, [...roles]), eq(people.status, 'active')));
  const byPerson = new Map<string, StaffProfile>();
  for (const row of rows) {
    const profile = byPerson.get(row.personId) ?? { personId: row.personId, roles: [], association: row.association };
    byPerson.set(row.personId, { ...profile, roles: [...profile.roles, row.role as Role] });
  }
  return [...byPerson.values()];
}

/** Whether this person is active and holds one of these roles. */
export async function holdsRole(db: DbOrTx, personId: string, roles: readonly Role[]): Promise<Role[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .select({ role: personRoles.role })
    .from(personRoles)
    .innerJoin(people, eq(people.id, personRoles.personId))
    .where(and(eq(people.id, personId), eq(people.status, 'active'), inArray(personRoles.role, [...roles])));
  return rows.map((row) => row.role as Role);
}

export async function displayNameOf(db: DbOrTx, personId: string): Promise<string | null> {
  const [row] = await db.select({ displayName: people.displayName }).from(people).where(eq(people.id, personId));
  return row?.displayName ?? null;
}

/** Messages by others since the person last read the case. */
export async function unreadCounts(db: DbOrTx, personId: string, caseIds: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>(caseIds.map((id) => [id, 0]));
  if (caseIds.length === 0) return result;
  const rows = await db
    .select({ caseId: caseMessages.caseId, n: count() })
    .from(caseMessages)
    .leftJoin(
      caseReadMarkers,
      and(eq(caseReadMarkers.caseId, caseMessages.caseId), eq(caseReadMarkers.personId, personId)),
    )
    .where(
      and(
        inArray(caseMessages.caseId, caseIds),
        or(isNull(caseMessages.authorId), ne(caseMessages.authorId, personId)),
        or(isNull(caseReadMarkers.readAt), gt(caseMessages.createdAt, caseReadMarkers.readAt)),
      ),
    )
    .groupBy(caseMessages.caseId);
  for (const row of rows) result.set(row.caseId, row.n);
  return result;
}

/** The requester's own cases (not erased), newest first: the columns their list shows. */
export async function myCaseRows(db: DbOrTx, requesterId: string): Promise<MyCaseRow[]> {
  return db
    .select({
      id: cases.id,
      reference: cases.reference,
      type: cases.type,
      status: cases.status,
      urgency: cases.urgency,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
      closedAt: cases.closedAt,
      reopenUntil: cases.reopenUntil,
    })
    .from(cases)
    .where(and(eq(cases.requesterId, requesterId), isNull(cases.erasedAt)))
    .orderBy(desc(cases.createdAt), desc(cases.id));
}

/** Consented, unrevoked grants of these cases (peers and experts helping), by case id. */
export async function activeGrantsOf(db: DbOrTx, caseIds: readonly string[]) {
  const result = new Map<string, (Pick<GrantRow, 'personId' | 'kind' | 'consentedAt' | 'revokedAt'> & Named)[]>();
  if (caseIds.length === 0) return result;
  const rows = await db
    .select({
      caseId: caseGrants.caseId,
      personId: caseGrants.personId,
      kind: caseGrants.kind,
      consentedAt: caseGrants.consentedAt,
      revokedAt: caseGrants.revokedAt,
      displayName: people.displayName,
    })
    .from(caseGrants)
    .innerJoin(people, eq(people.id, caseGrants.personId))
    .where(
      and(inArray(caseGrants.caseId, [...caseIds]), isNotNull(caseGrants.consentedAt), isNull(caseGrants.revokedAt)),
    )
    .orderBy(asc(caseGrants.proposedAt));
  for (const { caseId, ...grant } of rows) result.set(caseId, [...(result.get(caseId) ?? []), grant]);
  return result;
}

type Named = { displayName: string | null };

export async function countCases(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(cases);
  return row?.n ?? 0;
}

/** Closed cases whose retention period has passed (not yet erased). */
export async function casesPastRetention(db: DbOrTx, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(isNull(cases.erasedAt), isNotNull(cases.closedAt), lte(cases.retainUntil, now)));
  return rows.map((row) => row.id);
}

/** Open cases without a first response whose reminder or escalation falls before `until`. */
export async function casesDueForCheck(db: DbOrTx, until: Date): Promise<string[]> {
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        isNull(cases.firstResponseAt),
        isNull(cases.erasedAt),
        isNull(cases.escalatedAt),
        isNotNull(cases.firstResponseDueAt),
        lte(cases.firstResponseDueAt, until),
      ),
    );
  return rows.map((row) => row.id);
}

/** Everything hanging off a case: messages, notes, files, grants, assignments, timeline, read markers. */
export async function deleteCaseChildren(tx: Tx, caseId: string): Promise<void> {
  for (const table of [
    caseMessages,
    caseNotes,
    caseAttachments,
    caseGrants,
    caseAssignments,
    caseEvents,
    caseReadMarkers,
  ] as const) {
    await tx.delete(table).where(eq(table.caseId, caseId));
  }
}

/**
 * What stays of a case: type, dates, office type, region (coarsened so it points to no one person, see
 * handover/statistics-regions.ts), outcome (and urgency if the type keeps it).
 */
export async function writeTombstone(
  tx: Tx,
  caseId: string,
  tombstone: { urgency: string | null; region: string | null; reason: 'retention' | 'requester'; at: Date },
): Promise<void> {
  await tx
    .update(cases)
    .set({
      reference: null,
      requesterId: null,
      urgency: tombstone.urgency,
      region: tombstone.region,
      intakeEnvelope: null,
      personConcernedEnvelope: null,
      firstResponseDueAt: null,
      slaRunningSince: null,
      pausedSince: null,
      reopenUntil: null,
      retainUntil: null,
      feedbackRating: null,
      feedbackEnvelope: null,
      feedbackAt: null,
      erasedAt: tombstone.at,
      erasedReason: tombstone.reason,
      updatedAt: tombstone.at,
    })
    .where(eq(cases.id, caseId));
}
