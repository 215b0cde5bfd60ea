import { asc, eq } from 'drizzle-orm';
import type { Offering, OfferingBody } from '../../../shared/training.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { trainingOfferings } from './db.ts';
import { authorizeProgramme, requireActor } from './policy.ts';
import type { TrainingDeps } from './records.ts';
import { offeringView } from './views.ts';

/** Offerings: what a training is and who may enrol. Coordinators only. */

const columns = (body: OfferingBody) => ({
  titleNl: body.titleNl,
  titleEn: body.titleEn,
  provider: body.provider,
  durationHalfDays: Math.round(body.durationDays * 2),
  audience: [...body.audience],
  descriptionNl: body.descriptionNl,
  descriptionEn: body.descriptionEn,
});

export async function listOfferings(deps: TrainingDeps, ctx: ServiceContext): Promise<Offering[]> {
  const actor = requireActor(ctx.actor);
  authorizeProgramme(actor, 'manage', {});
  const rows = await deps.uow.db.select().from(trainingOfferings).orderBy(asc(trainingOfferings.createdAt));
  return rows.map(offeringView);
}

export async function createOffering(deps: TrainingDeps, ctx: ServiceContext, body: OfferingBody): Promise<Offering> {
  const actor = requireActor(ctx.actor);
  authorizeProgramme(actor, 'manage', {});
  return deps.uow.run(ctx, async (w) => {
    const [row] = await w.tx
      .insert(trainingOfferings)
      .values({ ...columns(body), createdBy: actor.personId, createdAt: w.now, updatedAt: w.now })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return offeringView(row);
  });
}

/**
 * Changes what the offering says. A smaller audience does not end enrolments already made: who
 * enrolled keeps their seat; the coordinator sees their office in the participant list.
 */
export async function updateOffering(
  deps: TrainingDeps,
  ctx: ServiceContext,
  id: string,
  body: OfferingBody,
): Promise<Offering> {
  const actor = requireActor(ctx.actor);
  return deps.uow.run(ctx, async (w) => {
    const [existing] = await w.tx.select().from(trainingOfferings).where(eq(trainingOfferings.id, id)).for('update');
    authorizeProgramme(actor, 'manage', existing ?? null);
    const [row] = await w.tx
      .update(trainingOfferings)
      .set({ ...columns(body), updatedAt: w.now })
      .where(eq(trainingOfferings.id, id))
      .returning();
    if (!row) throw notFound();
    return offeringView(row);
  });
}
