import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createThrowawayDatabase, dropDatabase, onPostgres } from '../../../test/helpers/test-database.ts';
import { DataDirLockedError } from './data-dir-lock.ts';
import { openDatabase } from './index.ts';
import { readMigrationJournal } from './migrations.ts';

async function appliedMigrations(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<number> {
  const result = await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? -1;
}

describe.skipIf(onPostgres)('embedded PGlite in a data directory', () => {
  it('keeps its data across a restart and refuses a second opener meanwhile', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-db-'));
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await first.db.execute(sql`CREATE TABLE canary (value text)`);
    await first.db.execute(sql`INSERT INTO canary VALUES ('still here')`);
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    const rows = await second.db.execute(sql`SELECT value FROM canary`);
    expect((rows as unknown as { rows: { value: string }[] }).rows).toEqual([{ value: 'still here' }]);
    // Migrating again on start is a no-op.
    expect(await appliedMigrations(second.db)).toBe(readMigrationJournal().entries.length);
    expect(await second.isReady()).toBe(true);
    await second.close();
  });
});

describe.runIf(onPostgres)('PostgreSQL migrations', () => {
  const serverUrl = process.env.TEST_DATABASE_URL ?? '';

  it('apply once when several instances start at the same time, and again on restart as a no-op', async () => {
    const url = await createThrowawayDatabase(serverUrl);
    try {
      const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: 'postgres', url, poolSize: 2 })));
      for (const instance of instances) expect(await instance.isReady()).toBe(true);
      expect(await appliedMigrations(instances[0]?.db as never)).toBe(readMigrationJournal().entries.length);
      await Promise.all(instances.map((instance) => instance.close()));

      const again = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
      expect(await appliedMigrations(again.db)).toBe(readMigrationJournal().entries.length);
      await again.close();
    } finally {
      await dropDatabase(serverUrl, url);
    }
  });

  it('reports not ready when the server is unreachable', async () => {
    const database = await openDatabase({ kind: 'postgres', url: await createThrowawayDatabase(serverUrl) });
    await database.close();
    expect(await database.isReady()).toBe(false);
  });
});
