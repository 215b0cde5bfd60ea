import { and, eq } from 'drizzle-orm';
import type { ProtectionInput, ProtectionState } from '../../../shared/protection.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest } from '../../lib/errors.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import type { IncidentDeps } from '../incidents/access.ts';
import { loadIncident, requireActor } from '../incidents/access.ts';
import type { IncidentPathStepProvider } from '../incidents/path.ts';
import { protectionConversations } from './db.ts';

export interface ProtectionDeps {
  uow: UnitOfWork;
  incidents: IncidentDeps;
}

async function readRow(db: DbOrTx, incident: { id: string; ownerId: string }) {
  const [row] = await db
    .select()
    .from(protectionConversations)
    .where(
      and(eq(protectionConversations.incidentId, incident.id), eq(protectionConversations.ownerId, incident.ownerId)),
    );
  return row ?? null;
}

function stateOf(row: Awaited<ReturnType<typeof readRow>>): ProtectionState {
  return { informedAt: row ? row.informedAt.toISOString() : null, reviewOn: row?.reviewOn ?? null };
}

/** Whether I recorded that I was informed about protection, for one of my incidents. */
export async function getProtection(deps: ProtectionDeps, ctx: ServiceContext, incidentId: string) {
  const actor = requireActor(ctx);
  const row = await loadIncident(deps.uow.db, actor, incidentId, 'read');
  return stateOf(await readRow(deps.uow.db, { id: row.id, ownerId: row.ownerId }));
}

/**
 * Records that I was informed (and will talk to the police about protection), with optionally the day I
 * want to look at it again: today or later, on the app's clock. Nothing else is kept.
 */
export async function recordInformed(
  deps: ProtectionDeps,
  ctx: ServiceContext,
  incidentId: string,
  input: ProtectionInput,
): Promise<ProtectionState> {
  const actor = requireActor(ctx);
  const today = deps.uow.now().toISOString().slice(0, 10);
  if (input.reviewOn && input.reviewOn < today) {
    throw badRequest('protection_review_in_past', 'The review date lies in the past.', [
      { field: 'body/reviewOn', message: 'Choose today or a later day.', code: 'date_in_past' },
    ]);
  }
  return deps.uow.run(ctx, async (w) => {
    const row = await loadIncident(w.tx, actor, incidentId, 'update', { lock: true });
    const existing = await readRow(w.tx, { id: row.id, ownerId: row.ownerId });
    const values = {
      incidentId: row.id,
      ownerId: row.ownerId,
      informedAt: existing?.informedAt ?? w.now,
      reviewOn: input.reviewOn ?? null,
      updatedAt: w.now,
    };
    await w.tx
      .insert(protectionConversations)
      .values(values)
      .onConflictDoUpdate({
        target: protectionConversations.incidentId,
        set: { reviewOn: values.reviewOn, updatedAt: w.now },
      });
    await recordAudit(w.tx, w, {
      action: 'protection.informed',
      subjectPersonId: row.ownerId,
      recordType: 'incident',
      recordId: row.id,
    });
    return stateOf({ ...values });
  });
}

/** The protection step of the incident's path: done once the person recorded being informed. */
export const protectionStep: IncidentPathStepProvider = {
  step: 'protection',
  async progress(db, incident) {
    const row = await readRow(db, incident);
    return row ? { state: 'done', since: row.informedAt } : { state: 'todo', since: null };
  },
};
