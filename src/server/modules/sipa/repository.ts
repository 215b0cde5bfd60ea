import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { type SipaCaseRow, sipaCases } from './db.ts';

/** The SQL of the SIPA type's own table (sipa_cases). */

export type SipaCaseData = Omit<SipaCaseRow, 'caseId'>;

export async function loadSipaCases(db: DbOrTx, caseIds: readonly string[]): Promise<Map<string, SipaCaseData>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(sipaCases)
    .where(inArray(sipaCases.caseId, [...caseIds]));
  return new Map(rows.map(({ caseId, ...data }) => [caseId, data]));
}

export async function insertSipaCase(tx: Tx, caseId: string, callTimes: readonly string[]): Promise<void> {
  await tx.insert(sipaCases).values({ caseId, callTimes: callTimes.join(',') });
}

export async function updateSipaCase(tx: Tx, caseId: string, patch: Partial<SipaCaseData>): Promise<void> {
  await tx.update(sipaCases).set(patch).where(eq(sipaCases.caseId, caseId));
}

export async function deleteSipaCase(tx: Tx, caseId: string): Promise<void> {
  await tx.delete(sipaCases).where(eq(sipaCases.caseId, caseId));
}
