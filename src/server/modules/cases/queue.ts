import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { CaseStatus, CaseType, QueueItem, QueueQuery, Urgency } from '../../../shared/cases.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { people } from '../people/db.ts';
import type { CaseDeps } from './context.ts';
import { caseAssignments, caseGrants, cases } from './db.ts';
import type { StaffProfile } from './registry.ts';
import { iso, slaOf, unreadCounts } from './service.ts';
import type { CaseRow } from './types.ts';

/**
 * Staff queues: unassigned (what I may take), mine, about to be late, late, shared with me (grants) and
 * closed. Rows carry no case content at all: no intake, no person concerned, no messages. Coordinators
 * see every case of their type; other staff see their own and the unassigned ones they may take.
 */
export async function listQueue(deps: CaseDeps, ctx: ServiceContext, query: QueueQuery) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  if (!deps.registry.has(query.type)) throw notFound();
  const definition = deps.registry.get(query.type);
  const isCoordinator = definition.coordinatorRoles.some((role) => actor.roles.includes(role));
  const isStaff = isCoordinator || definition.assignableRoles.some((role) => actor.roles.includes(role));
  if (!isStaff && query.view !== 'shared') throw forbidden();
  const now = deps.now();
  const [person] = await deps.db
    .select({ association: people.association })
    .from(people)
    .where(eq(people.id, actor.personId));
  const profile: StaffProfile = {
    personId: actor.personId,
    roles: actor.roles,
    association: person?.association ?? null,
  };

  const rows = await deps.db
    .select()
    .from(cases)
    .where(and(eq(cases.type, query.type), isNull(cases.erasedAt), isNotNull(cases.requesterId)));
  const ids = rows.map((row) => row.id);
  const assignments = ids.length
    ? await deps.db
        .select({ caseId: caseAssignments.caseId, personId: caseAssignments.personId, displayName: people.displayName })
        .from(caseAssignments)
        .innerJoin(people, eq(people.id, caseAssignments.personId))
        .where(and(inArray(caseAssignments.caseId, ids), isNull(caseAssignments.endedAt)))
    : [];
  const grants = ids.length
    ? await deps.db
        .select({ caseId: caseGrants.caseId })
        .from(caseGrants)
        .where(
          and(
            inArray(caseGrants.caseId, ids),
            eq(caseGrants.personId, actor.personId),
            isNotNull(caseGrants.consentedAt),
            isNull(caseGrants.revokedAt),
          ),
        )
    : [];
  const sharedWithMe = new Set(grants.map((grant) => grant.caseId));
  const assigneesOf = new Map<string, { personId: string; displayName: string | null }[]>();
  for (const assignment of assignments) {
    assigneesOf.set(assignment.caseId, [
      ...(assigneesOf.get(assignment.caseId) ?? []),
      { personId: assignment.personId, displayName: assignment.displayName },
    ]);
  }

  const closed = (row: CaseRow) => row.status === definition.closedStatus;
  const mine = (row: CaseRow) => (assigneesOf.get(row.id) ?? []).some((a) => a.personId === actor.personId);
  const unassigned = (row: CaseRow) =>
    !closed(row) &&
    row.status === definition.initialStatus &&
    (assigneesOf.get(row.id) ?? []).length === 0 &&
    row.requesterId !== actor.personId &&
    (isCoordinator || definition.mayTake(profile, row));
  const visible = (row: CaseRow) => isStaff && (isCoordinator || mine(row) || unassigned(row));
  const open = (row: CaseRow) => visible(row) && !closed(row);

  const views: Record<QueueQuery['view'], (row: CaseRow) => boolean> = {
    unassigned,
    mine: (row) => mine(row) && !closed(row),
    due_soon: (row) => open(row) && slaOf(definition, row, now).dueSoon,
    late: (row) => open(row) && slaOf(definition, row, now).late,
    shared: (row) => sharedWithMe.has(row.id) && !closed(row),
    closed: (row) => closed(row) && (isCoordinator ? true : mine(row)),
  };

  const counts = {
    unassigned: rows.filter(views.unassigned).length,
    mine: rows.filter(views.mine).length,
    dueSoon: rows.filter(views.due_soon).length,
    late: rows.filter(views.late).length,
    shared: rows.filter(views.shared).length,
  };

  let selected = rows.filter(views[query.view]);
  if (query.urgency) selected = selected.filter((row) => row.urgency === query.urgency);
  if (query.status) selected = selected.filter((row) => row.status === query.status);
  const key = (row: CaseRow): number => {
    if (query.sort === 'created') return row.createdAt.getTime();
    if (query.sort === 'updated') return row.updatedAt.getTime();
    return row.firstResponseDueAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  };
  selected.sort((a, b) => (query.order === 'asc' ? key(a) - key(b) : key(b) - key(a)));
  const page = selected.slice(query.offset, query.offset + query.limit);
  const unread = await unreadCounts(
    deps.db,
    actor.personId,
    page.map((row) => row.id),
  );
  const items: QueueItem[] = page.map((row) => {
    const sla = slaOf(definition, row, now);
    const assignees = assigneesOf.get(row.id) ?? [];
    return {
      id: row.id,
      reference: row.reference ?? '',
      type: row.type as CaseType,
      status: row.status as CaseStatus,
      urgency: (row.urgency ?? 'normal') as Urgency,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      firstResponseDueAt: iso(row.firstResponseDueAt),
      firstResponseAt: iso(row.firstResponseAt),
      paused: sla.paused,
      dueSoon: sla.dueSoon,
      late: sla.late,
      officeType: row.officeType,
      region: row.region,
      association: row.association,
      concernForColleague: row.concernForColleague,
      assignees,
      assignedToMe: assignees.some((a) => a.personId === actor.personId),
      unread: unread.get(row.id) ?? 0,
    };
  });
  return { items, counts, total: selected.length };
}
