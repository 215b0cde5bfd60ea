import { and, asc, desc, eq, isNotNull, isNull, ne, not, or, type SQL, sql } from 'drizzle-orm';
import type { QueueQuery } from '../../../shared/cases.ts';
import type { DbOrTx } from '../../db/index.ts';
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

/** The conditions of every view for this reader (what listQueue's views meant in JavaScript before). */
export function queueViews(definition: CaseTypeDefinition, reader: QueueReader, now: Date): Record<QueueView, SQL> {
  const me = reader.profile.personId;
  const open = openCase(definition);
  const closed = eq(cases.status, definition.closedStatus);
  const currentAssignment = sql`select 1 from ${caseAssignments} where ${caseAssignments.caseId} = ${cases.id} and ${caseAssignments.endedAt} is null`;
  const hasAssignee = sql`exists (${currentAssignment})`;
  const assignedToMe = sql`exists (${currentAssignment} and ${caseAssignments.personId} = ${me})`;
  const sharedWithMe = sql`exists (select 1 from ${caseGrants} where ${caseGrants.caseId} = ${cases.id} and ${caseGrants.personId} = ${me} and ${caseGrants.consentedAt} is not null and ${caseGrants.revokedAt} is null)`;
  const mayTake = reader.isCoordinator ? TRUE : constant(definition.mayTakeWhere(reader.profile, cases.id));
  const unassigned = and(
    open,
    eq(cases.status, definition.initialStatus),
    not(hasAssignee),
    ne(cases.requesterId, me),
    mayTake,
  ) as SQL;
  const visible = !reader.isStaff ? FALSE : reader.isCoordinator ? TRUE : (or(assignedToMe, unassigned) as SQL);
  const sla = slaConditions(definition, now);
  return {
    unassigned,
    mine: and(assignedToMe, open) as SQL,
    due_soon: and(visible, open, sla.dueSoon) as SQL,
    late: and(visible, open, sla.late) as SQL,
    shared: and(sharedWithMe, open) as SQL,
    closed: and(closed, reader.isCoordinator ? TRUE : assignedToMe) as SQL,
  };
}

export interface QueueCounts {
  unassigned: number;
  mine: number;
  dueSoon: number;
  late: number;
  shared: number;
}

/**
 * The counts of the open views, and the number of cases in the selected list, in one statement over the
 * open cases of the type. A list of closed cases is counted apart (it is not among the open ones).
 */
export async function countQueue(
  db: DbOrTx,
  definition: CaseTypeDefinition,
  views: Record<QueueView, SQL>,
  selected: SQL,
  selectedIsOpen: boolean,
): Promise<{ counts: QueueCounts; total: number }> {
  const n = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;
  const [row] = await db
    .select({
      unassigned: n(views.unassigned),
      mine: n(views.mine),
      dueSoon: n(views.due_soon),
      late: n(views.late),
      shared: n(views.shared),
      total: n(selectedIsOpen ? selected : FALSE),
    })
    .from(cases)
    .where(and(queueBase(definition), openCase(definition)));
  const { total: openTotal = 0, ...counts } = row ?? { unassigned: 0, mine: 0, dueSoon: 0, late: 0, shared: 0 };
  if (selectedIsOpen) return { counts, total: openTotal };
  const [closed] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(queueBase(definition), selected));
  return { counts, total: closed?.n ?? 0 };
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
