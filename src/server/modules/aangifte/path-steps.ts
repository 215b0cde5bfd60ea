import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { readDetails } from '../incidents/access.ts';
import { incidents } from '../incidents/db.ts';
import type { IncidentPathStepProvider } from '../incidents/path.ts';
import { aangiftePoliceReports, aangiftePreparations } from './db.ts';

type Incident = { id: string; ownerId: string };

async function preparation(db: DbOrTx, incident: Incident) {
  const [row] = await db
    .select({ markedAt: aangiftePreparations.internalReportMarkedAt, updatedAt: aangiftePreparations.updatedAt })
    .from(aangiftePreparations)
    .where(and(eq(aangiftePreparations.incidentId, incident.id), eq(aangiftePreparations.ownerId, incident.ownerId)));
  return row ?? null;
}

/**
 * The internal report: done once the person marked it made in the aid, or wrote on the incident itself to
 * whom they reported it (its "Intern gemeld bij" field) — either way they told their organisation. The
 * incident's details are the owner's own, read here only after the path's owner check.
 */
export function internalReportStep(keyring: Keyring): IncidentPathStepProvider {
  return {
    step: 'internal_report',
    async progress(db, incident) {
      const row = await preparation(db, incident);
      if (row?.markedAt) return { state: 'done', since: row.markedAt };
      const [stored] = await db.select().from(incidents).where(eq(incidents.id, incident.id));
      const reported = stored ? readDetails(keyring, stored).internalReport : null;
      return reported ? { state: 'done', since: new Date(`${reported.on}T12:00:00Z`) } : { state: 'todo', since: null };
    },
  };
}

/** The police: done once a melding or aangifte is recorded; started while the person prepares in the aid. */
export const policeStep: IncidentPathStepProvider = {
  step: 'police',
  async progress(db, incident) {
    const [reported] = await db
      .select({ at: sql<Date | string | null>`max(${aangiftePoliceReports.createdAt})` })
      .from(aangiftePoliceReports)
      .where(
        and(eq(aangiftePoliceReports.incidentId, incident.id), eq(aangiftePoliceReports.ownerId, incident.ownerId)),
      );
    if (reported?.at) return { state: 'done', since: new Date(reported.at) };
    const row = await preparation(db, incident);
    return row ? { state: 'started', since: row.updatedAt } : { state: 'todo', since: null };
  },
};
