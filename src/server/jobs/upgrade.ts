import type { Db as JobQueueDb } from 'pg-boss';

/**
 * pg-boss 12 migrates its schema only from version 25 on; pg-boss 10, which Weerbaar used before,
 * left version 24, and the release in between (11) is not a dependency. Our jobs are plain rows that
 * any version can send again: so an old queue is read, dropped, and its waiting jobs are handed back to
 * be sent through pg-boss 12 once it has made its schema afresh. What is lost is only the history of
 * finished jobs (ids and states, kept a week for diagnosis) and pg-boss's own cron rows, which every
 * start registers again.
 *
 * Two instances upgrading at once may both carry the same job over; handlers are idempotent (pg-boss
 * delivers at least once anyway), so that costs a repeated no-op, never a lost job.
 */

/** The oldest pg-boss schema version that pg-boss 12 migrates by itself. */
export const OLDEST_MIGRATABLE_VERSION = 25;

export interface CarriedJob {
  name: string;
  data: Record<string, unknown>;
  startAfter: Date;
}

export async function takeJobsFromOldSchema(db: JobQueueDb, schema: string): Promise<CarriedJob[] | null> {
  const version = await schemaVersion(db, schema);
  if (version === null || version >= OLDEST_MIGRATABLE_VERSION) return null;
  let rows: Array<{ name: string; data: unknown; start_after: Date | string }>;
  try {
    // Waiting, retrying and interrupted jobs; finished ones only held ids and outcomes.
    rows = (
      await db.executeSql(
        `SELECT name, data, start_after FROM ${schema}.job WHERE state::text IN ('created', 'retry', 'active')`,
        [],
      )
    ).rows;
  } catch (error) {
    // Another instance dropped it between the two queries: it carries the jobs over.
    if ((await schemaVersion(db, schema)) === null) return [];
    throw error;
  }
  await db.executeSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  return rows.map((row) => ({
    name: row.name,
    data: row.data !== null && typeof row.data === 'object' ? (row.data as Record<string, unknown>) : {},
    startAfter: new Date(row.start_after),
  }));
}

async function schemaVersion(db: JobQueueDb, schema: string): Promise<number | null> {
  const table = await db.executeSql('SELECT to_regclass($1)::text AS name', [`${schema}.version`]);
  if (!table.rows[0]?.name) return null;
  const version = await db.executeSql(`SELECT max(version)::int AS version FROM ${schema}.version`, []);
  return version.rows[0]?.version ?? null;
}
