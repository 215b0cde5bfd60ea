import { eq } from 'drizzle-orm';
import type { HandoverEventKind } from '../../../shared/handover.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { handoverEvents, handovers } from './db.ts';

/** The handover record and its history: what every handover service reads and appends to. */

export type HandoverRow = typeof handovers.$inferSelect;

export function actorIdOf(ctx: ServiceContext): string | null {
  return ctx.actor?.personId ?? null;
}

/** One step in the admin's history of a handover (names come from the people table when shown). */
export async function addEvent(
  w: Work,
  handoverId: string,
  kind: HandoverEventKind,
  details: Record<string, string | number | boolean | null> = {},
) {
  await w.tx.insert(handoverEvents).values({ handoverId, kind, actorPersonId: actorIdOf(w), details });
}

/** The handover, or the 404 of a missing record; `lock` holds the row until the transaction ends. */
export async function requireHandover(db: DbOrTx, id: string, options: { lock?: boolean } = {}): Promise<HandoverRow> {
  const query = db.select().from(handovers).where(eq(handovers.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}
