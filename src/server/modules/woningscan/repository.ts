import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { SchemeView } from '../../../shared/woningscan-schemes.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import {
  type WoningscanCaseRow,
  type WoningscanMeasureRow,
  type WoningscanSlotRow,
  woningscanCases,
  woningscanMeasures,
  woningscanSlots,
} from './db.ts';
import { currentSchemes } from './schemes.ts';

/** The SQL of the woningscan type's own tables. */

export interface WoningscanData {
  row: Omit<WoningscanCaseRow, 'caseId'>;
  slots: WoningscanSlotRow[];
  measures: WoningscanMeasureRow[];
  /** Every scheme's current revision (the presenter picks those of the case's day). */
  schemes: SchemeView[];
}

export async function loadWoningscanCases(
  db: DbOrTx,
  caseIds: readonly string[],
): Promise<Map<string, WoningscanData>> {
  if (caseIds.length === 0) return new Map();
  const ids = [...caseIds];
  const rows = await db.select().from(woningscanCases).where(inArray(woningscanCases.caseId, ids));
  const slots = await db
    .select()
    .from(woningscanSlots)
    .where(inArray(woningscanSlots.caseId, ids))
    .orderBy(asc(woningscanSlots.startsAt));
  const measures = await db
    .select()
    .from(woningscanMeasures)
    .where(inArray(woningscanMeasures.caseId, ids))
    .orderBy(asc(woningscanMeasures.position));
  const schemes = await currentSchemes(db);
  return new Map(
    rows.map(({ caseId, ...row }) => [
      caseId,
      {
        row,
        slots: slots.filter((slot) => slot.caseId === caseId),
        measures: measures.filter((measure) => measure.caseId === caseId),
        schemes,
      },
    ]),
  );
}

export async function insertWoningscanCase(tx: Tx, values: typeof woningscanCases.$inferInsert): Promise<void> {
  await tx.insert(woningscanCases).values(values);
}

export async function updateWoningscanCase(
  tx: Tx,
  caseId: string,
  patch: Partial<Omit<WoningscanCaseRow, 'caseId'>>,
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await tx.update(woningscanCases).set(patch).where(eq(woningscanCases.caseId, caseId));
}

export async function deleteWoningscanCase(tx: Tx, caseId: string): Promise<void> {
  await tx.delete(woningscanCases).where(eq(woningscanCases.caseId, caseId));
}

/** Another open woningscan request of the same person (one at a time). */
export async function otherOpenRequest(db: DbOrTx, requesterId: string, exceptCaseId?: string): Promise<string | null> {
  const [row] = await db
    .select({ caseId: woningscanCases.caseId })
    .from(woningscanCases)
    .where(
      and(
        eq(woningscanCases.requesterId, requesterId),
        eq(woningscanCases.open, true),
        exceptCaseId ? ne(woningscanCases.caseId, exceptCaseId) : undefined,
      ),
    )
    .limit(1);
  return row?.caseId ?? null;
}

/** Proposed times that were not picked go: when new ones come, one is picked, or the case closes. */
export async function withdrawOpenSlots(tx: Tx, caseId: string): Promise<void> {
  await tx
    .update(woningscanSlots)
    .set({ state: 'withdrawn' })
    .where(and(eq(woningscanSlots.caseId, caseId), eq(woningscanSlots.state, 'open')));
}

export async function insertSlots(
  tx: Tx,
  caseId: string,
  slots: readonly { startsAt: Date; endsAt: Date }[],
  now: Date,
): Promise<void> {
  await tx.insert(woningscanSlots).values(slots.map((slot) => ({ caseId, ...slot, state: 'open', proposedAt: now })));
}

/** Marks an open slot picked; false when it was not open (picked already, withdrawn, another case's). */
export async function pickOpenSlot(tx: Tx, caseId: string, slotId: string): Promise<WoningscanSlotRow | null> {
  const [slot] = await tx
    .update(woningscanSlots)
    .set({ state: 'picked' })
    .where(and(eq(woningscanSlots.id, slotId), eq(woningscanSlots.caseId, caseId), eq(woningscanSlots.state, 'open')))
    .returning();
  return slot ?? null;
}

export async function replaceMeasures(
  tx: Tx,
  caseId: string,
  measures: readonly Omit<typeof woningscanMeasures.$inferInsert, 'caseId'>[],
): Promise<void> {
  await tx.delete(woningscanMeasures).where(eq(woningscanMeasures.caseId, caseId));
  if (measures.length > 0) await tx.insert(woningscanMeasures).values(measures.map((m) => ({ ...m, caseId })));
}

export async function updateMeasure(
  tx: Tx,
  caseId: string,
  measureId: string,
  patch: Partial<Pick<WoningscanMeasureRow, 'state' | 'orderedOn' | 'installedOn' | 'dueOn' | 'updatedAt'>>,
): Promise<boolean> {
  const rows = await tx
    .update(woningscanMeasures)
    .set(patch)
    .where(and(eq(woningscanMeasures.id, measureId), eq(woningscanMeasures.caseId, caseId)))
    .returning({ id: woningscanMeasures.id });
  return rows.length > 0;
}

/** Moves the due dates of measures not yet in place (when the BVA's advice arrives). */
export async function setOpenMeasuresDue(tx: Tx, caseId: string, dueOn: string | null): Promise<void> {
  await tx
    .update(woningscanMeasures)
    .set({ dueOn })
    .where(
      and(eq(woningscanMeasures.caseId, caseId), inArray(woningscanMeasures.state, ['advised', 'ordered'] as string[])),
    );
}
