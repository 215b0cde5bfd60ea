/**
 * `npm run bench`: the app's hot routes against a bare Fastify baseline on the same database.
 *
 * Database: PGlite in a fresh temporary directory, or the PostgreSQL server in DATABASE_URL.
 * Settings (environment): BENCH_DURATION measured seconds per target (10), BENCH_CONNECTIONS (20),
 * BENCH_WARMUP seconds per target (3), BENCH_ROUNDS alternating runs the duration is split over (2),
 * BENCH_SCENARIOS comma-separated scenario names (all).
 *
 * It prints ratios and writes bench/results/<timestamp>.json; it never fails on speed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { parseConfig } from '../src/server/config.ts';
import { type Database, openDatabase } from '../src/server/db/index.ts';
import { Keyring } from '../src/server/lib/crypto/index.ts';
import { type PreparedScenario, startBareServer } from './baseline.ts';
import { type BurstScenario, bursts, formatBursts, runBursts } from './bursts.ts';
import { type LoadResult, runLoad } from './load.ts';
import { compare, formatTable, type ScenarioResult, summarise } from './report.ts';
import { type Scenario, scenarios } from './scenarios.ts';
import { formatUploadResult, runUploadScenario, UPLOAD_SCENARIO, type UploadResult } from './upload.ts';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

interface Settings {
  durationSeconds: number;
  connections: number;
  warmupSeconds: number;
  rounds: number;
  secondsPerRun: number;
  selected: Scenario[];
  /** The evidence-upload scenario (bench/upload.ts): streamed 50 MB uploads, not autocannon. */
  uploads: number;
  selectedBursts: BurstScenario[];
}

class UsageError extends Error {}

function positiveInteger(name: string, fallback: number, minimum = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum)
    throw new UsageError(`${name} must be an integer ≥ ${minimum}, got "${raw}"`);
  return value;
}

function readSettings(): Settings {
  const durationSeconds = positiveInteger('BENCH_DURATION', 10);
  const rounds = Math.min(positiveInteger('BENCH_ROUNDS', 2), durationSeconds);
  const names = (process.env.BENCH_SCENARIOS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const known = [...scenarios, ...bursts].map((scenario) => scenario.name).concat(UPLOAD_SCENARIO);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`unknown BENCH_SCENARIOS ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  return {
    durationSeconds,
    connections: positiveInteger('BENCH_CONNECTIONS', 20),
    warmupSeconds: positiveInteger('BENCH_WARMUP', 3, 0),
    rounds,
    secondsPerRun: Math.max(1, Math.round(durationSeconds / rounds)),
    selected: names.length > 0 ? scenarios.filter((scenario) => names.includes(scenario.name)) : scenarios,
    uploads: names.length === 0 || names.includes(UPLOAD_SCENARIO) ? positiveInteger('BENCH_UPLOADS', 5) : 0,
    selectedBursts: names.length > 0 ? bursts.filter((burst) => names.includes(burst.name)) : bursts,
  };
}

const baseUrl = (server: FastifyInstance) => {
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
};

async function serverVersion(database: Database): Promise<string> {
  const result = await database.db.execute(sql`SELECT version() AS version`);
  const rows = (result as unknown as { rows?: { version?: string }[] }).rows;
  return rows?.[0]?.version?.split(' ').slice(0, 2).join(' ') ?? 'unknown';
}

/** One request to each target before any load: right status, and (informational) the same JSON. */
async function checkTargets(prepared: PreparedScenario[], appUrl: string, bareUrl: string): Promise<void> {
  for (const { scenario, request } of prepared) {
    const expected = scenario.expectStatus ?? 200;
    const bodies: unknown[] = [];
    for (const [target, url] of [
      ['app', appUrl],
      ['bare', bareUrl],
    ] as const) {
      const response = await fetch(new URL(request.path, url), {
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      const text = await response.text();
      if (response.status !== expected) {
        throw new Error(
          `${scenario.name}: ${target} answered ${response.status}, expected ${expected}: ${text.slice(0, 300)}`,
        );
      }
      bodies.push(text ? JSON.parse(text) : undefined);
    }
    if (!isDeepStrictEqual(bodies[0], bodies[1])) {
      console.warn(`warning: ${scenario.name}: the app and the bare baseline return different JSON`);
    }
  }
}

async function measure(
  settings: Settings,
  prepared: PreparedScenario[],
  appUrl: string,
  bareUrl: string,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const { scenario, request } of prepared) {
    const job = (url: string, seconds: number) => ({
      ...request,
      url,
      seconds,
      connections: settings.connections,
    });
    const targets = { app: appUrl, bare: bareUrl };
    if (settings.warmupSeconds > 0) {
      log(`${scenario.name}: warm-up ${settings.warmupSeconds} s per target`);
      for (const url of Object.values(targets)) await runLoad(job(url, settings.warmupSeconds));
    }
    const runs: Record<'app' | 'bare', LoadResult[]> = { app: [], bare: [] };
    for (let round = 0; round < settings.rounds; round++) {
      // A B B A …: neither target always goes first.
      const order = round % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
      for (const target of order) {
        log(`${scenario.name}: round ${round + 1}/${settings.rounds}, ${target}, ${settings.secondsPerRun} s`);
        runs[target].push(await runLoad(job(targets[target], settings.secondsPerRun)));
      }
    }
    results.push(compare(scenario, summarise(runs.app), summarise(runs.bare)));
  }
  return results;
}

const log = (message: string) => console.log(`· ${message}`);

async function main(): Promise<void> {
  const settings = readSettings();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      for (const step of cleanups.reverse()) await step().catch((error: unknown) => console.error('cleanup:', error));
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping`);
      void cleanup().then(() => process.exit(130));
    });
  }

  try {
    let dataDir: string | undefined;
    // Evidence files of the upload scenario go here too, also on PostgreSQL.
    const tempDir = await mkdtemp(path.join(tmpdir(), 'weerbaar-bench-'));
    cleanups.push(() => rm(tempDir, { recursive: true, force: true }));
    if (!databaseUrl) dataDir = path.join(tempDir, 'data');
    const started = Date.now();
    const database = await openDatabase(
      databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir: dataDir ?? '' },
    );
    cleanups.push(() => database.close());
    log(`database open and migrated in ${Date.now() - started} ms: ${database.description}`);

    const config = parseConfig({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      EVIDENCE_DIR: path.join(tempDir, 'evidence'),
    });
    const app = await buildApp({ config, database, keyring: Keyring.generate(), ownsDatabase: false, logger: false });
    cleanups.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const appUrl = baseUrl(app);

    const prepared: PreparedScenario[] = [];
    for (const scenario of settings.selected) {
      const { name: _name, expectStatus: _status, prepare, ...request } = scenario;
      const ready = await prepare({ appUrl, db: database.db, app });
      prepared.push({ scenario, request: { ...request, ...ready.request }, baseline: ready.baseline });
    }
    const bare = await startBareServer(prepared);
    cleanups.push(() => bare.close());
    const bareUrl = baseUrl(bare);
    await checkTargets(prepared, appUrl, bareUrl);

    const environment = {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
      database: database.description,
      databaseVersion: await serverVersion(database),
      loadAverageBefore: loadavg()[0]?.toFixed(2),
      loadAverageAfter: '',
    };
    log(
      `app ${appUrl}, bare ${bareUrl}; ${settings.connections} connections, ` +
        `${settings.durationSeconds} s measured per target in ${settings.rounds} alternating run(s)`,
    );

    const results = await measure(settings, prepared, appUrl, bareUrl);
    let upload: UploadResult | null = null;
    if (settings.uploads > 0) {
      log(`${UPLOAD_SCENARIO}: ${settings.uploads} streamed uploads per target`);
      upload = await runUploadScenario(app, appUrl, settings.uploads);
    }
    const burstResults = await runBursts(settings.selectedBursts, { appUrl, db: database.db, app }, log);
    environment.loadAverageAfter = loadavg()[0]?.toFixed(2) ?? '';

    console.log('');
    console.log(`Node ${environment.node} on ${environment.platform}, ${environment.cpus}`);
    console.log(`Database: ${environment.database} (${environment.databaseVersion})`);
    console.log(
      `Load average (1 min): ${environment.loadAverageBefore} before, ${environment.loadAverageAfter} after ` +
        '(includes the bench); other work on the machine shows up as noise',
    );
    console.log(
      `autocannon: ${settings.connections} connections, ${settings.rounds} × ${settings.secondsPerRun} s per target ` +
        `after ${settings.warmupSeconds} s warm-up; load generator in a child process on the same machine`,
    );
    if (results.length > 0) {
      console.log('');
      console.log(formatTable(results));
      console.log('');
      console.log('app/bare req/s below 1 and p99 above 1 is what the app adds around the same query.');
    }
    if (upload) console.log(`\n${formatUploadResult(upload)}`);
    if (burstResults.length > 0) {
      console.log('');
      console.log(formatBursts(burstResults));
      console.log('');
      console.log('Bursts: every request at the same moment; overbooked and waitlistGaps must be 0.');
    }

    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const { selected: _selected, selectedBursts: _bursts, ...settingsForFile } = settings;
    writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), environment, settings: settingsForFile, results, upload, bursts: burstResults }, null, 2)}\n`,
    );
    console.log(`Results written to ${path.relative(process.cwd(), file)}`);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `bench: ${error.message}` : error);
  process.exitCode = 1;
});
