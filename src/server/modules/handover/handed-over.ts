import { eq } from 'drizzle-orm';
import type { HandedOverBody, HandoverDetail } from '../../../shared/handover.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { handovers } from './db.ts';
import type { HandoverDeps } from './deps.ts';
import { detailOf } from './read-service.ts';
import { actorIdOf, addEvent, requireHandover } from './records.ts';

/** Recording, correcting and taking back how the package was handed over; each in one unit of work. */

export async function recordHandedOver(
  deps: HandoverDeps,
  ctx: ServiceContext,
  id: string,
  body: HandedOverBody,
): Promise<HandoverDetail> {
  return deps.uow.run(ctx, (w) => recordHandedOverIn(w, id, body));
}

/** Records (or corrects) when, by whom and how the package was handed over, in the caller's unit. */
export async function recordHandedOverIn(
  w: Work,
  id: string,
  body: HandedOverBody,
  today = new Date(),
): Promise<HandoverDetail> {
  const handover = await requireHandover(w.tx, id, { lock: true });
  if (body.date > dutchToday(today)) {
    throw badRequest('date_in_future', 'A handover cannot be recorded before it happened.', [
      { field: 'body/date', code: 'date_in_future', message: 'Not after today.' },
    ]);
  }
  const [updated] = await w.tx
    .update(handovers)
    .set({
      handedOverOn: body.date,
      handedOverBy: body.by,
      handedOverMethod: body.method,
      handedOverRecordedBy: actorIdOf(w),
      handedOverRecordedAt: new Date(),
    })
    .where(eq(handovers.id, id))
    .returning();
  if (!updated) throw notFound();
  await addEvent(w, id, 'handed_over', {
    on: body.date,
    by: body.by,
    method: body.method,
    correction: Boolean(handover.handedOverOn),
  });
  await recordAudit(w.tx, w, {
    action: 'handover.handed_over',
    subjectPersonId: handover.personId,
    recordType: 'handover',
    recordId: id,
    details: { on: body.date, method: body.method, correction: Boolean(handover.handedOverOn) },
  });
  return detailOf(w.tx, updated);
}

/** Takes back a recorded handover (recorded by mistake); the history keeps both. */
export async function undoHandedOver(deps: HandoverDeps, ctx: ServiceContext, id: string): Promise<HandoverDetail> {
  return deps.uow.run(ctx, async (w) => {
    const handover = await requireHandover(w.tx, id, { lock: true });
    if (!handover.handedOverOn) throw conflict('not_handed_over', 'No handover is recorded for this package.');
    const [updated] = await w.tx
      .update(handovers)
      .set({
        handedOverOn: null,
        handedOverBy: null,
        handedOverMethod: null,
        handedOverRecordedBy: null,
        handedOverRecordedAt: null,
      })
      .where(eq(handovers.id, id))
      .returning();
    if (!updated) throw notFound();
    await addEvent(w, id, 'handover_undone', { on: handover.handedOverOn });
    await recordAudit(w.tx, w, {
      action: 'handover.handover_undone',
      subjectPersonId: handover.personId,
      recordType: 'handover',
      recordId: id,
    });
    return detailOf(w.tx, updated);
  });
}

function dutchToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
