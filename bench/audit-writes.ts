/**
 * `npx tsx bench/audit-writes.ts`: concurrent audited writes on PostgreSQL, to see whether audited writes
 * queue behind each other (src/server/modules/audit/README.md).
 *
 * Each transaction does what an audited change does: a write of its own, the audit entry, then more work
 * before the commit (a query standing for notifications and mail rows; AUDIT_BENCH_WORK_MS of server
 * time), and commits. WRITERS clients run TRANSACTIONS each, as fast as they can.
 *
 * Settings (environment): DATABASE_URL (or TEST_DATABASE_URL) a PostgreSQL server where a throwaway
 * database is made and dropped; AUDIT_BENCH_WRITERS (20); AUDIT_BENCH_TRANSACTIONS per writer (50);
 * AUDIT_BENCH_WORK_MS (5); AUDIT_BENCH_BARE=1 leaves the audit entry out (the ceiling). AUDIT_BENCH_ROOT: another checkout whose audit service to measure (the
 * "before" numbers, e.g. the main branch); its own migrations are applied.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.error('Set DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server; a throwaway database is made there.');
  process.exit(2);
}
const writers = Number(process.env.AUDIT_BENCH_WRITERS ?? 20);
const transactions = Number(process.env.AUDIT_BENCH_TRANSACTIONS ?? 50);
const workMs = Number(process.env.AUDIT_BENCH_WORK_MS ?? 5);
/** AUDIT_BENCH_BARE=1: the same transactions without their audit entry, the machine's ceiling. */
const withAudit = process.env.AUDIT_BENCH_BARE !== '1';
const root = path.resolve(process.env.AUDIT_BENCH_ROOT ?? path.join(import.meta.dirname, '..'));
const from = (file: string) => import(pathToFileURL(path.join(root, file)).href);

const name = `weerbaar_bench_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;

const { openDatabase } = await from('src/server/db/index.ts');
const audit = await from('src/server/modules/audit/service.ts');
const { systemContext } = await from('src/server/lib/context.ts');
const { Keyring } = await from('src/server/lib/crypto/index.ts');
const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: writers });
try {
  const keyed = await from('src/server/modules/audit/key.ts').catch(() => null);
  keyed?.bindAuditKeyring(database.db, Keyring.generate());
  await database.db.execute('CREATE TABLE bench_changes (id serial PRIMARY KEY, writer int, n int)');

  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; n < transactions; n++) {
        const begin = performance.now();
        await database.db.transaction(async (tx: { execute(query: string): Promise<unknown> }) => {
          await tx.execute(`INSERT INTO bench_changes (writer, n) VALUES (${writer}, ${n})`);
          if (withAudit)
            await audit.recordAudit(tx, systemContext(), { action: 'person.viewed', details: { writer, n } });
          await tx.execute(`SELECT pg_sleep(${workMs / 1000})`);
        });
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
  const verified = await audit.verifyAuditChain(database.db);
  console.log(
    JSON.stringify({
      code: withAudit ? root : 'bare (no audit entry)',
      writers,
      transactions: writers * transactions,
      workMs,
      seconds: Number(seconds.toFixed(2)),
      perSecond: Math.round((writers * transactions) / seconds),
      p50ms: Number(at(0.5)),
      p99ms: Number(at(0.99)),
      trailIntact: verified.firstBreak === null,
      entriesChecked: verified.checked,
    }),
  );
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
