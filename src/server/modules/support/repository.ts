import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { type SupportCaseRow, supportCases } from './db.ts';

/** The SQL of the support type's own table (support_cases). */

export type SupportCaseData = Omit<SupportCaseRow, 'caseId'>;

export async function loadSupportCases(db: DbOrTx, caseIds: readonly string[]): Promise<Map<string, SupportCaseData>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(supportCases)
    .where(inArray(supportCases.caseId, [...caseIds]));
  return new Map(rows.map(({ caseId, ...data }) => [caseId, data]));
}

export async function insertSupportCase(tx: Tx, caseId: string, data: Partial<SupportCaseData>): Promise<void> {
  await tx.insert(supportCases).values({ caseId, ...data });
}

export async function updateSupportCase(tx: Tx, caseId: string, patch: Partial<SupportCaseData>): Promise<void> {
  await tx.update(supportCases).set(patch).where(eq(supportCases.caseId, caseId));
}

export async function deleteSupportCase(tx: Tx, caseId: string): Promise<void> {
  await tx.delete(supportCases).where(eq(supportCases.caseId, caseId));
}
