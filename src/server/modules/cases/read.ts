import type { CaseDetail, MyCase } from '../../../shared/cases.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { availableActions } from './access.ts';
import { caseAad } from './crypto.ts';
import type { CaseCore } from './facade.ts';
import { presentDetail, presentMyCase } from './presenter.ts';
import { activeGrantsOf, assigneesOf, myCaseRows, timelineOf, unreadCounts } from './repository.ts';

/** Reading cases: one case as far as the caller may see it, the requester's own list, the timeline. */

/** GET /api/cases/:caseId: what the caller may see; audited unless the caller is the requester. */
export function getCaseDetail(core: CaseCore, ctx: ServiceContext, caseId: string): Promise<CaseDetail> {
  return core.readCase(ctx, caseId, 'read', async (c) => {
    const { row, definition } = c.state;
    const actor = c.actor;
    if (!actor) throw notFound();
    const keyring = core.keyring;
    const decrypt = (envelope: string | null, aad: string) =>
      envelope ? (JSON.parse(keyring.decryptString(envelope, aad)) as unknown) : null;
    const relations = c.relations;
    const actions = availableActions(actor, c.state, c.now);
    const mayReadIntake = actions.includes('read_intake') || relations.has('owner');
    const isStaff = relations.has('assigned') || relations.has('coordinator');
    const mayReadPersonConcerned = definition.personConcernedRelations.some((relation) => relations.has(relation));
    const intake = mayReadIntake ? decrypt(row.intakeEnvelope, caseAad.intake(row.id)) : null;
    const personConcerned =
      mayReadIntake && mayReadPersonConcerned
        ? decrypt(row.personConcernedEnvelope, caseAad.personConcerned(row.id))
        : null;
    await c.auditRead('case.read', { intake: mayReadIntake, personConcerned: personConcerned !== null });
    // Seeing the person concerned (a SIPA signal's subject, a colleague of concern) is its own entry.
    if (personConcerned !== null) await c.auditRead(definition.auditActions.personConcernedRead);
    const feedback =
      row.feedbackAt && (relations.has('owner') || isStaff)
        ? {
            rating: row.feedbackRating ?? 0,
            body: row.feedbackEnvelope ? keyring.decryptString(row.feedbackEnvelope, caseAad.feedback(row.id)) : null,
            at: row.feedbackAt.toISOString(),
          }
        : null;
    const unread = (await unreadCounts(c.tx, actor.personId, [row.id])).get(row.id) ?? 0;
    const typeDetail = definition.present({ state: c.state, keyring, intake, personConcerned, relations });
    return presentDetail({ actor, state: c.state, now: c.now, relations, actions, feedback, unread, typeDetail });
  });
}

/**
 * GET /api/me/cases: the requester's own cases, newest first, with who is helping. Four statements
 * however many cases: the rows (the columns the list shows), their assignees, their active grants and
 * their unread counts.
 */
export async function listMyCases(core: CaseCore, ctx: ServiceContext): Promise<MyCase[]> {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const db = core.deps.uow.db;
  const now = core.deps.uow.now();
  const rows = (await myCaseRows(db, actor.personId)).filter((row) => core.registry.has(row.type));
  const ids = rows.map((row) => row.id);
  const assignees = await assigneesOf(db, ids);
  const grants = await activeGrantsOf(db, ids);
  const unread = await unreadCounts(db, actor.personId, ids);
  return rows.map((row) =>
    presentMyCase(
      {
        row,
        definition: core.registry.get(row.type),
        assignees: assignees.get(row.id) ?? [],
        grants: grants.get(row.id) ?? [],
      },
      now,
      unread.get(row.id) ?? 0,
    ),
  );
}

/** GET /api/cases/:caseId/timeline: the requester sees the events meant for them, staff see all. */
export function getTimeline(core: CaseCore, ctx: ServiceContext, caseId: string) {
  return core.readCase(ctx, caseId, 'read', async (c) => {
    const staff = c.relations.has('assigned') || c.relations.has('coordinator');
    const rows = await timelineOf(c.tx, caseId, staff);
    await c.auditRead('case.timeline_read');
    return rows.map(({ event, actorName }) => ({
      id: event.id,
      at: event.at.toISOString(),
      kind: event.kind,
      actorName,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      visibility: event.visibility as 'requester' | 'staff',
      details: event.details ?? null,
    }));
  });
}
