import type { QueueItem, QueueQuery } from '../../../shared/cases.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import type { CaseCore } from './facade.ts';
import { presentQueueItem, slaOf } from './presenter.ts';
import { assigneesOf, casesOfType, loadTypeData, sharedWith, staffProfile, unreadCounts } from './repository.ts';
import type { CaseState } from './types.ts';

/**
 * Staff queues: unassigned (what I may take), mine, about to be late, late, shared with me (grants) and
 * closed. Rows carry no case content at all: no intake, no person concerned, no messages. Coordinators
 * see every case of their type; other staff see their own and the unassigned ones they may take.
 */
export async function listQueue(core: CaseCore, ctx: ServiceContext, query: QueueQuery) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  if (!core.registry.has(query.type)) throw notFound();
  const definition = core.registry.get(query.type);
  const isCoordinator = definition.coordinatorRoles.some((role) => actor.roles.includes(role));
  const isStaff = isCoordinator || definition.assignableRoles.some((role) => actor.roles.includes(role));
  if (!isStaff && query.view !== 'shared') throw forbidden();
  const db = core.deps.uow.db;
  const now = core.deps.uow.now();
  const profile = await staffProfile(db, actor);

  const rows = await casesOfType(db, query.type);
  const ids = rows.map((row) => row.id);
  const data = await loadTypeData(db, core.registry, rows);
  const assignees = await assigneesOf(db, ids);
  const sharedWithMe = await sharedWith(db, actor.personId, ids);
  const states: CaseState[] = rows
    .filter((row) => data.has(row.id))
    .map((row) => ({ row, data: data.get(row.id), definition, assignees: assignees.get(row.id) ?? [], grants: [] }));

  const closed = (s: CaseState) => s.row.status === definition.closedStatus;
  const mine = (s: CaseState) => s.assignees.some((a) => a.personId === actor.personId);
  const unassigned = (s: CaseState) =>
    !closed(s) &&
    s.row.status === definition.initialStatus &&
    s.assignees.length === 0 &&
    s.row.requesterId !== actor.personId &&
    (isCoordinator || definition.mayTake(profile, s));
  const visible = (s: CaseState) => isStaff && (isCoordinator || mine(s) || unassigned(s));
  const open = (s: CaseState) => visible(s) && !closed(s);

  const views: Record<QueueQuery['view'], (s: CaseState) => boolean> = {
    unassigned,
    mine: (s) => mine(s) && !closed(s),
    due_soon: (s) => open(s) && slaOf(definition, s.row, now).dueSoon,
    late: (s) => open(s) && slaOf(definition, s.row, now).late,
    shared: (s) => sharedWithMe.has(s.row.id) && !closed(s),
    closed: (s) => closed(s) && (isCoordinator ? true : mine(s)),
  };

  const counts = {
    unassigned: states.filter(views.unassigned).length,
    mine: states.filter(views.mine).length,
    dueSoon: states.filter(views.due_soon).length,
    late: states.filter(views.late).length,
    shared: states.filter(views.shared).length,
  };

  let selected = states.filter(views[query.view]);
  if (query.urgency) selected = selected.filter((s) => s.row.urgency === query.urgency);
  if (query.status) selected = selected.filter((s) => s.row.status === query.status);
  const key = (s: CaseState): number => {
    if (query.sort === 'created') return s.row.createdAt.getTime();
    if (query.sort === 'updated') return s.row.updatedAt.getTime();
    return s.row.firstResponseDueAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  };
  selected.sort((a, b) => (query.order === 'asc' ? key(a) - key(b) : key(b) - key(a)));
  const page = selected.slice(query.offset, query.offset + query.limit);
  const unread = await unreadCounts(
    db,
    actor.personId,
    page.map((s) => s.row.id),
  );
  const items: QueueItem[] = page.map((s) => presentQueueItem(s, now, actor.personId, unread.get(s.row.id) ?? 0));
  return { items, counts, total: selected.length };
}
