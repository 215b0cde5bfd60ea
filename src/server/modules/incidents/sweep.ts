import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/index.ts';
import { incidentEvidence } from './db.ts';
import type { EvidenceStore } from './evidence-store.ts';

/** Files this young may belong to an intake whose transaction is still committing (another instance). */
export const SWEEP_GRACE_MS = 15 * 60 * 1000;

export interface SweepReport {
  /** Files with no row, or whose row is a tombstone: removed. */
  orphansRemoved: string[];
  /** Unfinished uploads left in `incoming/`: removed. */
  partsRemoved: string[];
  /** Live rows whose file is missing: reported, never "repaired" (the evidence record stays). */
  missingFiles: string[];
}

/**
 * Brings the evidence store and the database back in line after a crash: a process that died after a
 * file was moved into place but before its row committed leaves a file without a row (this removes it);
 * a deletion whose file removal never ran leaves a tombstone with a file (this removes the file). Runs at
 * start and every hour; files younger than the grace period are left alone.
 */
export async function sweepEvidenceStore(
  db: Db,
  store: EvidenceStore,
  now: Date,
  graceMs = SWEEP_GRACE_MS,
): Promise<SweepReport> {
  const report: SweepReport = { orphansRemoved: [], partsRemoved: [], missingFiles: [] };
  const { files, parts } = await store.inventory();
  const cutoff = now.getTime() - graceMs;
  for (const part of parts) {
    if (part.modifiedAt.getTime() > cutoff) continue;
    await store.removePart(part.id);
    report.partsRemoved.push(part.id);
  }
  const old = files.filter((file) => file.modifiedAt.getTime() <= cutoff).map((file) => file.id);
  for (let start = 0; start < old.length; start += 500) {
    const batch = old.slice(start, start + 500);
    const rows = await db
      .select({ id: incidentEvidence.id, deletedAt: incidentEvidence.deletedAt })
      .from(incidentEvidence)
      .where(inArray(incidentEvidence.id, batch));
    const live = new Set(rows.filter((row) => !row.deletedAt).map((row) => row.id));
    for (const id of batch) {
      if (live.has(id)) continue;
      await store.remove(id);
      report.orphansRemoved.push(id);
    }
  }
  const present = new Set(files.map((file) => file.id));
  const liveRows = await db
    .select({ id: incidentEvidence.id, deletedAt: incidentEvidence.deletedAt })
    .from(incidentEvidence);
  for (const row of liveRows) if (!row.deletedAt && !present.has(row.id)) report.missingFiles.push(row.id);
  return report;
}
