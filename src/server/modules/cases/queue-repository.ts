import { and, asc, desc, eq, isNotNull, isNull, ne, not, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { QUEUE_MAX_LIMIT, QUEUE_MAX_OFFSET, type QueueQuery } from '../../../shared/cases.ts';
import { type DbOrTx, rowsOf } from '../../db/index.ts';
import { caseAssignments, caseGrants, cases } from './db.ts';
import type { CaseTypeDefinition } from './registry.ts';
import type { QueueRow, StaffProfile } from './types.ts';

/**
 * The SQL of the staff queue: each view a condition on `cases`, so the database filters, counts, sorts
 * and pages, and Node only sees the page. The indexes these use are in db.ts (`cases_queue_*`,
 * `cases_open_idx`, `case_assignments_current_idx`).
 */

/** Who reads the queue, as far as its conditions depend on it. */
export interface QueueReader {
  profile: StaffProfile;
  isCoordinator: boolean;
  isStaff: boolean;
}

export type QueueView = QueueQuery['view'];

const TRUE = sql`true`;
const FALSE = sql`false`;
const constant = (value: SQL | boolean): SQL => (typeof value === 'boolean' ? (value ? TRUE : FALSE) : value);
const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Cases of the type in anyone's queue: not erased, with a requester. */
export function queueBase(definition: CaseTypeDefinition): SQL {
  return and(eq(cases.type, definition.type), isNull(cases.erasedAt), isNotNull(cases.requesterId)) as SQL;
}

/**
 * Not closed. `closed_at` is set exactly while a case is in its type's closed status (CaseWork.transition
 * keeps that true); saying both lets the planner use the partial index of open cases.
 */
export function openCase(definition: CaseTypeDefinition): SQL {
  return and(isNull(cases.closedAt), ne(cases.status, definition.closedStatus)) as SQL;
}

/** The service-target flags of slaOf (presenter.ts), in SQL: due soon and late. */
function slaConditions(definition: CaseTypeDefinition, now: Date): { dueSoon: SQL; late: SQL } {
  const due = cases.firstResponseDueAt;
  const awaiting = and(ne(cases.status, definition.closedStatus), isNull(cases.firstResponseAt), isNotNull(due));
  // The reminder lead depends on the urgency (null counts as normal): the moment from which a case is due soon.
  const leads = Object.entries(definition.settings.reminderLeadMs).map(
    ([urgency, lead]) => sql`when ${urgency} then ${at(new Date(now.getTime() + lead))}`,
  );
  const dueSoonBefore = sql`(case coalesce(${cases.urgency}, 'normal') ${sql.join(leads, sql` `)} end)`;
  return {
    dueSoon: and(awaiting, sql`${due} <= ${dueSoonBefore}`, sql`${due} > ${at(now)}`) as SQL,
    late: and(awaiting, sql`${due} <= ${at(now)}`) as SQL,
  };
}

/** The parts every view is made of, each already limited to open cases. */
interface ViewParts {
  unassigned: SQL;
  mine: SQL;
  shared: SQL;
  dueSoon: SQL;
  late: SQL;
}

/** The open views from their parts: due soon and late are of the cases the reader sees. */
function openViews(reader: QueueReader, parts: ViewParts): Record<Exclude<QueueView, 'closed'>, SQL> {
  const visible = !reader.isStaff ? FALSE : reader.isCoordinator ? TRUE : (or(parts.mine, parts.unassigned) as SQL);
  return {
    unassigned: parts.unassigned,
    mine: parts.mine,
    due_soon: and(visible, parts.dueSoon) as SQL,
    late: and(visible, parts.late) as SQL,
    shared: parts.shared,
  };
}

function viewParts(definition: CaseTypeDefinition, reader: QueueReader, now: Date): ViewParts & { assignedToMe: SQL } {
  const me = reader.profile.personId;
  const open = openCase(definition);
  const currentAssignment = sql`select 1 from ${caseAssignments} where ${caseAssignments.caseId} = ${cases.id} and ${caseAssignments.endedAt} is null`;
  const hasAssignee = sql`exists (${currentAssignment})`;
  const assignedToMe = sql`exists (${currentAssignment} and ${caseAssignments.personId} = ${me})`;
  const sharedWithMe = sql`exists (select 1 from ${caseGrants} where ${caseGrants.caseId} = ${cases.id} and ${caseGrants.personId} = ${me} and ${caseGrants.consentedAt} is not null and ${caseGrants.revokedAt} is null)`;
  const mayTake = reader.isCoordinator ? TRUE : constant(definition.mayTakeWhere(reader.profile, cases.id));
  const sla = slaConditions(definition, now);
  return {
    assignedToMe,
    unassigned: and(
      open,
      eq(cases.status, definition.initialStatus),
      not(hasAssignee),
      ne(cases.requesterId, me),
      mayTake,
    ) as SQL,
    mine: and(assignedToMe, open) as SQL,
    shared: and(sharedWithMe, open) as SQL,
    dueSoon: and(open, sla.dueSoon) as SQL,
    late: and(open, sla.late) as SQL,
  };
}

/** The conditions of every view for this reader (what listQueue's views meant in JavaScript before). */
export function queueViews(definition: CaseTypeDefinition, reader: QueueReader, now: Date): Record<QueueView, SQL> {
  const parts = viewParts(definition, reader, now);
  const closed = eq(cases.status, definition.closedStatus);
  return {
    ...openViews(reader, parts),
    closed: and(closed, reader.isCoordinator ? TRUE : parts.assignedToMe) as SQL,
  };
}

/** The list asked for: a view, and optionally one urgency and one status. */
export type QueueFilter = Pick<QueueQuery, 'view' | 'urgency' | 'status'>;

/** A view's condition with the filters (on `cases`, or on the columns of the counting subquery). */
function filtered(view: SQL, filter: QueueFilter, columns: { urgency: SQLWrapper; status: SQLWrapper }): SQL {
  return and(
    view,
    filter.urgency ? sql`${columns.urgency} = ${filter.urgency}` : undefined,
    filter.status ? sql`${columns.status} = ${filter.status}` : undefined,
  ) as SQL;
}

/** The condition of the list asked for, on `cases` (for its page). */
export function selectedList(views: Record<QueueView, SQL>, filter: QueueFilter): SQL {
  return filtered(views[filter.view], filter, { urgency: cases.urgency, status: cases.status });
}

export interface QueueCounts {
  unassigned: number;
  mine: number;
  dueSoon: number;
  late: number;
  shared: number;
}

/** One more than the last row a page of the closed list can show: a count that reaches it stops there. */
export const CLOSED_COUNT_CAP = QUEUE_MAX_OFFSET + QUEUE_MAX_LIMIT + 1;

/**
 * The counts of the open views, and the number of cases in the selected list, in one statement over the
 * open cases of the type. Each part of the views (a correlated lookup of assignments, grants or the
 * type's table) is evaluated once per open case in a subquery, and the counts combine its flags. A list
 * of closed cases is counted apart (it is not among the open ones).
 */
export async function countQueue(
  db: DbOrTx,
  definition: CaseTypeDefinition,
  reader: QueueReader,
  now: Date,
  filter: QueueFilter,
  closedCountCap = CLOSED_COUNT_CAP,
): Promise<{ counts: QueueCounts; total: number; totalCapped: boolean }> {
  const parts = viewParts(definition, reader, now);
  const flag = (condition: SQL, name: string) => sql<boolean>`coalesce(${condition}, false)`.as(name);
  const perCase = db
    .select({
      unassigned: flag(parts.unassigned, 'unassigned'),
      mine: flag(parts.mine, 'mine'),
      shared: flag(parts.shared, 'shared'),
      dueSoon: flag(parts.dueSoon, 'due_soon'),
      late: flag(parts.late, 'late'),
      urgency: cases.urgency,
      status: cases.status,
    })
    .from(cases)
    .where(and(queueBase(definition), openCase(definition)));
  const column = (name: string) => sql`open_cases.${sql.identifier(name)}`;
  const views = openViews(reader, {
    unassigned: column('unassigned'),
    mine: column('mine'),
    shared: column('shared'),
    dueSoon: column('due_soon'),
    late: column('late'),
  });
  const n = (condition: SQL) => sql`(count(*) filter (where ${condition}))::int`;
  const selectedIsOpen = filter.view !== 'closed';
  const total =
    filter.view !== 'closed'
      ? filtered(views[filter.view], filter, { urgency: column('urgency'), status: column('status') })
      : FALSE;
  // OFFSET 0 keeps the planner from pulling the subquery up, which would evaluate each flag (and its
  // lookups) again wherever a count mentions it.
  const [row] = rowsOf<QueueCounts & { total: number }>(
    await db.execute(sql`
      select ${n(views.unassigned)} as "unassigned", ${n(views.mine)} as "mine",
             ${n(views.due_soon)} as "dueSoon", ${n(views.late)} as "late", ${n(views.shared)} as "shared",
             ${n(total)} as "total"
      from (${perCase} offset 0) as open_cases`),
  );
  const { total: openTotal = 0, ...counts } = row ?? { unassigned: 0, mine: 0, dueSoon: 0, late: 0, shared: 0 };
  if (selectedIsOpen) return { counts, total: openTotal, totalCapped: false };
  // The closed cases are the whole history (a million at the volumes of the bench): counting them all took
  // 0.6 s a refresh there. Counted only as far as a page can reach, the cost stops growing with the history.
  const reachable = db
    .select({ one: sql`1` })
    .from(cases)
    .where(and(queueBase(definition), selectedList(queueViews(definition, reader, now), filter)))
    .limit(closedCountCap);
  const [closed] = await db.select({ n: sql<number>`count(*)::int` }).from(reachable.as('reachable'));
  const closedTotal = closed?.n ?? 0;
  return { counts, total: closedTotal, totalCapped: closedTotal >= closedCountCap };
}

const queueColumns = {
  id: cases.id,
  reference: cases.reference,
  type: cases.type,
  status: cases.status,
  urgency: cases.urgency,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
  firstResponseDueAt: cases.firstResponseDueAt,
  firstResponseAt: cases.firstResponseAt,
  pausedSince: cases.pausedSince,
  officeType: cases.officeType,
  region: cases.region,
};

/**
 * One page of a list: the columns a queue row shows, sorted in the database. Due first: cases without a
 * due time come last (ascending) or first (descending), as PostgreSQL sorts nulls; the id breaks ties
 * so pages do not overlap.
 */
export async function queuePage(
  db: DbOrTx,
  definition: CaseTypeDefinition,
  where: SQL,
  query: Pick<QueueQuery, 'sort' | 'order' | 'limit' | 'offset'>,
): Promise<QueueRow[]> {
  const column =
    query.sort === 'created' ? cases.createdAt : query.sort === 'updated' ? cases.updatedAt : cases.firstResponseDueAt;
  const direction = query.order === 'asc' ? asc : desc;
  return db
    .select(queueColumns)
    .from(cases)
    .where(and(queueBase(definition), where))
    .orderBy(direction(column), direction(cases.id))
    .limit(query.limit)
    .offset(query.offset);
}
