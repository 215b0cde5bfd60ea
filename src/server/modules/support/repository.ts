import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { type CaseIncidentShareRow, caseIncidentShares, type SupportCaseRow, supportCases } from './db.ts';

/** The SQL of the support type's own tables (support_cases, case_incident_shares). */

export type SupportCaseColumns = Omit<SupportCaseRow, 'caseId'>;

/** What the core loads for a support case: its row, and the incidents shared with it now (not withdrawn). */
export type SupportCaseData = SupportCaseColumns & { incidentShares: CaseIncidentShareRow[] };

export async function loadSupportCases(db: DbOrTx, caseIds: readonly string[]): Promise<Map<string, SupportCaseData>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(supportCases)
    .where(inArray(supportCases.caseId, [...caseIds]));
  const shares = await db
    .select()
    .from(caseIncidentShares)
    .where(and(inArray(caseIncidentShares.caseId, [...caseIds]), isNull(caseIncidentShares.revokedAt)))
    .orderBy(caseIncidentShares.consentedAt);
  return new Map(
    rows.map(({ caseId, ...data }) => [
      caseId,
      { ...data, incidentShares: shares.filter((share) => share.caseId === caseId) },
    ]),
  );
}

export async function insertSupportCase(tx: Tx, caseId: string, data: Partial<SupportCaseColumns>): Promise<void> {
  await tx.insert(supportCases).values({ caseId, ...data });
}

export async function updateSupportCase(tx: Tx, caseId: string, patch: Partial<SupportCaseColumns>): Promise<void> {
  await tx.update(supportCases).set(patch).where(eq(supportCases.caseId, caseId));
}

export async function deleteSupportCase(tx: Tx, caseId: string): Promise<void> {
  await tx.delete(caseIncidentShares).where(eq(caseIncidentShares.caseId, caseId));
  await tx.delete(supportCases).where(eq(supportCases.caseId, caseId));
}

/** Shares the incident with the case, or renews an earlier (perhaps withdrawn) consent with new choices. */
export async function upsertIncidentShare(
  tx: Tx,
  share: Omit<CaseIncidentShareRow, 'revokedAt'>,
): Promise<CaseIncidentShareRow> {
  const [row] = await tx
    .insert(caseIncidentShares)
    .values({ ...share, revokedAt: null })
    .onConflictDoUpdate({
      target: [caseIncidentShares.caseId, caseIncidentShares.incidentId],
      set: {
        ownerId: share.ownerId,
        fields: share.fields,
        evidenceIds: share.evidenceIds,
        consentedAt: share.consentedAt,
        revokedAt: null,
      },
    })
    .returning();
  if (!row) throw new Error('The incident share was not written');
  return row;
}

/** Ends the consent; false when the incident was not shared with the case (or already withdrawn). */
export async function revokeIncidentShare(tx: Tx, caseId: string, incidentId: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(caseIncidentShares)
    .set({ revokedAt: at })
    .where(
      and(
        eq(caseIncidentShares.caseId, caseId),
        eq(caseIncidentShares.incidentId, incidentId),
        isNull(caseIncidentShares.revokedAt),
      ),
    )
    .returning({ caseId: caseIncidentShares.caseId });
  return rows.length > 0;
}

/** The person's current shares of one incident (on any of their support cases). */
export async function sharesOfIncident(db: DbOrTx, ownerId: string, incidentId: string) {
  return db
    .select()
    .from(caseIncidentShares)
    .where(
      and(
        eq(caseIncidentShares.ownerId, ownerId),
        eq(caseIncidentShares.incidentId, incidentId),
        isNull(caseIncidentShares.revokedAt),
      ),
    )
    .orderBy(caseIncidentShares.consentedAt);
}

/**
 * The queue's form of mayTake (type.ts): the case was routed to this association and is not a
 * colleague's concern (those go to the coordinator only).
 */
export function routedToAssociation(association: string, caseId: AnyPgColumn): SQL {
  return sql`exists (select 1 from ${supportCases} where ${supportCases.caseId} = ${caseId} and ${supportCases.association} = ${association} and not ${supportCases.concernForColleague})`;
}
