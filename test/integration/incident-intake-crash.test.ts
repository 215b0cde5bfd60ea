import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rowsOf } from '../../src/server/db/index.ts';
import { EvidenceStore } from '../../src/server/modules/incidents/evidence-store.ts';
import { sweepEvidenceStore } from '../../src/server/modules/incidents/sweep.ts';
import { createThrowawayDatabase, dropDatabase } from '../helpers/test-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The process dies between the two halves of an evidence intake: the encrypted file is in the store,
 * the transaction with its row has not committed. After the restart there must be no row, and the
 * sweep must remove the file, so the store and the table agree again. A real process, really killed.
 */
describe('incidents: a crash during evidence intake', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'weerbaar-crash-'));
  const evidenceDir = path.join(scratch, 'evidence');
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url = '';
  let database: Database | null = null;
  afterAll(async () => {
    await database?.close();
    if (serverUrl && url) await dropDatabase(serverUrl, url);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('leaves a file without a row, which the sweep removes; never a row without a file', async () => {
    url = serverUrl ? await createThrowawayDatabase(serverUrl) : '';
    const args = serverUrl ? ['postgres', url] : ['pglite', path.join(scratch, 'data')];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/integration/fixtures/crash-during-intake.ts', ...args, evidenceDir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(signal, output).toBe('SIGKILL');
    expect(code).toBeNull();
    expect(output).toMatch(/^incident [0-9a-f-]{36}$/m);
    expect(output).not.toContain('not killed');

    database = await openDatabase(
      serverUrl ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: path.join(scratch, 'data') },
    );
    const rows = rowsOf<{ id: string }>(await database.db.execute(sql`SELECT id::text AS id FROM incident_evidence`));
    const incidents = rowsOf<{ n: string }>(await database.db.execute(sql`SELECT count(*)::text AS n FROM incidents`));
    expect(rows).toEqual([]);
    expect(incidents[0]?.n).toBe('1');
    const store = new EvidenceStore(evidenceDir);
    const { files, parts } = await store.inventory();
    expect(files).toHaveLength(1);
    expect(parts).toEqual([]);

    const report = await sweepEvidenceStore(database.db, store, new Date(Date.now() + 60 * 60 * 1000));
    expect(report.orphansRemoved).toEqual([files[0]?.id]);
    expect(report.missingFiles).toEqual([]);
    expect((await store.inventory()).files).toEqual([]);
  }, 120_000);
});
