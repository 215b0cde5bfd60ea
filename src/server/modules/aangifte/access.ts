import { and, asc, eq } from 'drizzle-orm';
import type { AangifteChoices, PoliceReport } from '../../../shared/aangifte.ts';
import type { DbOrTx } from '../../db/index.ts';
import { contextAad, type Keyring } from '../../lib/crypto/index.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import type { IncidentDeps } from '../incidents/access.ts';
import { aangiftePoliceReports, aangiftePreparations } from './db.ts';

/**
 * What the aangifte aid's services need. Access to its rows goes through the incident: only the
 * incident's owner (the incidents module's `loadIncident`, under the one policy helper) reaches them, and
 * every query also names the owner, so a row can never be read through someone else's incident.
 */
export interface AangifteDeps {
  uow: UnitOfWork;
  keyring: Keyring;
  incidents: IncidentDeps;
}

/** Associated data of every encrypted value of the module: table, column, row. */
export const aangifteAad = {
  choices: (incidentId: string) => contextAad('aangifte_preparation', 'choices', incidentId),
  report: (id: string) => contextAad('aangifte_police_report', 'report', id),
};

export const NO_CHOICES: AangifteChoices = { variant: null, vptRequested: null, internalReport: null };

/** What the report envelope holds: everything but the ids and dates kept in the clear. */
export type StoredReport = Omit<PoliceReport, 'id' | 'reportedOn' | 'createdAt'>;

export async function readChoices(
  db: DbOrTx,
  keyring: Keyring,
  incident: { id: string; ownerId: string },
): Promise<AangifteChoices> {
  const [row] = await db
    .select()
    .from(aangiftePreparations)
    .where(and(eq(aangiftePreparations.incidentId, incident.id), eq(aangiftePreparations.ownerId, incident.ownerId)));
  if (!row) return { ...NO_CHOICES };
  return JSON.parse(keyring.decryptString(row.choicesEnvelope, aangifteAad.choices(row.incidentId))) as AangifteChoices;
}

export async function readReports(
  db: DbOrTx,
  keyring: Keyring,
  incident: { id: string; ownerId: string },
): Promise<PoliceReport[]> {
  const rows = await db
    .select()
    .from(aangiftePoliceReports)
    .where(and(eq(aangiftePoliceReports.incidentId, incident.id), eq(aangiftePoliceReports.ownerId, incident.ownerId)))
    .orderBy(asc(aangiftePoliceReports.reportedOn), asc(aangiftePoliceReports.createdAt));
  return rows.map((row) => {
    const stored = JSON.parse(keyring.decryptString(row.reportEnvelope, aangifteAad.report(row.id))) as StoredReport;
    return {
      id: row.id,
      kind: stored.kind,
      reportedOn: row.reportedOn,
      policeReference: stored.policeReference,
      variant: stored.variant,
      vptRequested: stored.vptRequested,
      wantsUpdates: stored.wantsUpdates,
      claimsDamages: stored.claimsDamages,
      createdAt: row.createdAt.toISOString(),
    };
  });
}
