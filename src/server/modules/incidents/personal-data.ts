import { asc, eq } from 'drizzle-orm';
import type { DraftContent } from '../../../shared/incidents.ts';
import { INCIDENT_RETENTION } from '../../../shared/incidents.ts';
import type { JsonRecord, PersonalDataContribution } from '../../lib/personal-data.ts';
import { sanitiseFileName } from '../../lib/uploads/file-names.ts';
import { type IncidentDeps, incidentAad } from './access.ts';
import { incidentDrafts, incidentEvidence, incidentExports, incidents } from './db.ts';
import { listEvidence, openOriginal } from './evidence.ts';
import { listFollowUps, toIncident } from './service.ts';

/**
 * Incidents in the person's export: every incident with its details, timeline and evidence list
 * (tombstones included), the draft, the dossiers made, and every evidence original, decrypted and
 * streamed into the archive one at a time (re-hashed while it streams: a file that no longer matches
 * its intake hash fails the export rather than pass as the original). On account deletion the files are
 * removed after the commit and each leaves a tombstone with the privacy module: hash, size, dates.
 */
export function incidentPersonalData(deps: IncidentDeps): PersonalDataContribution {
  return {
    sources: [
      {
        key: 'incidents',
        tables: ['incidents', 'incident_follow_ups', 'incident_evidence', 'incident_drafts', 'incident_exports'],
        async export({ db, personId }) {
          const rows = await db
            .select()
            .from(incidents)
            .where(eq(incidents.ownerId, personId))
            .orderBy(asc(incidents.occurredOn), asc(incidents.createdAt));
          const records: JsonRecord[] = [];
          const files = [];
          for (const [index, row] of rows.entries()) {
            const incident = toIncident(deps, row, await listFollowUps(deps, row.id), await listEvidence(deps, row.id));
            const stored = await db
              .select()
              .from(incidentEvidence)
              .where(eq(incidentEvidence.incidentId, row.id))
              .orderBy(asc(incidentEvidence.receivedAt), asc(incidentEvidence.id));
            const paths: Record<string, string> = {};
            let number = 0;
            for (const evidence of stored) {
              if (evidence.deletedAt || !evidence.keyEnvelope) continue;
              number++;
              const name = incident.evidence.find((item) => item.id === evidence.id)?.fileName ?? 'bestand';
              const path = `incident-${index + 1}/${String(number).padStart(2, '0')} ${sanitiseFileName(name, 100) || 'bestand'}`;
              paths[evidence.id] = path;
              files.push({
                path,
                size: evidence.size,
                sha256: evidence.sha256,
                crc32: evidence.crc32,
                modifiedAt: evidence.receivedAt,
                open: () => openOriginal(deps, evidence),
              });
            }
            const record = JSON.parse(JSON.stringify(incident)) as JsonRecord;
            record.evidence = incident.evidence.map((item) => ({
              ...(JSON.parse(JSON.stringify(item)) as JsonRecord),
              fileInExport: paths[item.id] ?? null,
            }));
            records.push(record);
          }
          const [draft] = await db.select().from(incidentDrafts).where(eq(incidentDrafts.ownerId, personId));
          if (draft) {
            const content = JSON.parse(
              deps.keyring.decryptString(draft.draftEnvelope, incidentAad.draft(personId)),
            ) as DraftContent;
            records.push({
              draft: JSON.parse(JSON.stringify(content)) as JsonRecord,
              updatedAt: draft.updatedAt.toISOString(),
            });
          }
          const exports = await db
            .select()
            .from(incidentExports)
            .where(eq(incidentExports.ownerId, personId))
            .orderBy(asc(incidentExports.createdAt));
          for (const made of exports) {
            records.push({
              dossierExport: made.id,
              format: made.format,
              incidentIds: made.incidentIds,
              evidenceCount: made.evidenceCount,
              sha256: made.sha256,
              createdAt: made.createdAt.toISOString(),
            });
          }
          return { records, files };
        },
      },
    ],
    erasure: [
      {
        name: 'incidents',
        async run(w, personId) {
          const evidence = await w.tx.select().from(incidentEvidence).where(eq(incidentEvidence.ownerId, personId));
          for (const row of evidence) {
            if (!row.deletedAt)
              w.afterCommit('remove an erased account’s evidence file', () => deps.store.remove(row.id));
          }
          const removed = await w.tx
            .delete(incidents)
            .where(eq(incidents.ownerId, personId))
            .returning({ id: incidents.id });
          await w.tx.delete(incidentDrafts).where(eq(incidentDrafts.ownerId, personId));
          await w.tx.delete(incidentExports).where(eq(incidentExports.ownerId, personId));
          return {
            counts: { incidents: removed.length, evidenceFiles: evidence.filter((row) => !row.deletedAt).length },
            tombstones: evidence.map((row) => ({
              kind: 'incident_evidence',
              sha256: row.sha256,
              size: row.size,
              createdAt: row.receivedAt,
            })),
          };
        },
      },
    ],
    retention: [
      {
        category: 'incidents',
        tables: ['incidents', 'incident_follow_ups', 'incident_evidence', 'incident_exports'],
        keepDays: INCIDENT_RETENTION.incidentYears,
        startsAt: '—',
        reason:
          'The person’s own record and evidence, possibly for a court case years later; they delete it (or their account) when they choose. Deleted evidence leaves a tombstone (hash, size, dates) while the incident exists.',
        enforcedBy: 'the owner (delete an incident or a file, or the account)',
      },
      {
        category: 'incident_drafts',
        tables: ['incident_drafts'],
        keepDays: INCIDENT_RETENTION.draftDays,
        startsAt: 'the draft was last changed',
        reason: 'A quick entry not finished in a month is abandoned.',
        enforcedBy: 'incidents.sweep',
      },
    ],
  };
}
