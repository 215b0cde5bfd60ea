import type { QueueItem, QueueQuery } from '../../../shared/cases.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import type { CaseCore } from './facade.ts';
import { presentQueueItem } from './presenter.ts';
import { countQueue, queuePage, queueViews, selectedList } from './queue-repository.ts';
import { activeGrantsOf, assigneesOf, staffProfile, unreadCounts } from './repository.ts';
import type { Assignee } from './types.ts';

/**
 * Staff queues: unassigned (what I may take), mine, about to be late, late, shared with me (grants) and
 * closed. Rows carry no case content at all: no intake, no person concerned, no messages. Coordinators
 * see every case of their type; other staff see their own and the unassigned ones they may take.
 *
 * The database does the work: the counts and the list's total in one statement, the page in another
 * (only the columns a row shows), then the assignees, the type's data and the unread counts of that
 * page alone. What a refresh costs depends on the open cases and the page, not on the history.
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

  const reader = { profile, isCoordinator, isStaff };
  const { counts, total, totalCapped } = await countQueue(db, definition, reader, now, query);
  const rows = await queuePage(db, definition, selectedList(queueViews(definition, reader, now), query), query);

  const ids = rows.map((row) => row.id);
  const data = definition.data ? await definition.data.load(db, ids) : null;
  const assignees = await assigneesOf(db, ids);
  const grants = await activeGrantsOf(db, ids);
  const sharedWithMe = new Set(ids.filter((id) => grants.get(id)?.some((grant) => grant.personId === actor.personId)));
  const unread = await unreadCounts(db, actor.personId, ids);
  // Whether the reader has a relation that opens the case (an unassigned case opens once taken).
  const mayOpen = (row: { id: string }, assigned: Assignee[]) =>
    isCoordinator || assigned.some((a) => a.personId === actor.personId) || sharedWithMe.has(row.id);
  const items: QueueItem[] = rows
    // A type with tables has a row for each of its cases; a case without one is not shown (as before).
    .filter((row) => !data || data.has(row.id))
    .map((row) => {
      const assigned = assignees.get(row.id) ?? [];
      return presentQueueItem(
        definition,
        { row, data: data?.get(row.id), assignees: assigned },
        now,
        { personId: actor.personId, mayOpen: mayOpen(row, assigned) },
        unread.get(row.id) ?? 0,
      );
    });
  return { items, counts, total, totalCapped };
}
