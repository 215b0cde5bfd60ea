/**
 * `npm run bench`: the app's hot routes against a bare Fastify baseline on the same database.
 *
 * Database: PGlite in a fresh temporary directory, or the PostgreSQL server in DATABASE_URL.
 * Settings (environment): BENCH_DURATION measured seconds per target (10), BENCH_CONNECTIONS (20),
 * BENCH_WARMUP seconds per target (3), BENCH_ROUNDS alternating runs the duration is split over (2),
 * BENCH_SCENARIOS comma-separated scenario names (all).
 * The `volumes` scenario (bench/volumes.ts, PostgreSQL only) works in a database of its own on that server:
 * BENCH_VOLUMES case counts (10000,100000,1000000), BENCH_VOLUME_SECONDS measured per target (4),
 * BENCH_VOLUME_CONNECTIONS (5), BENCH_CONTENTION_SECONDS (5), BENCH_KEEP_DATABASE=1 keeps its database.
 * The app logs as in production (LOG_LEVEL info, JSON lines), to a file in the temporary directory.
 *
 * It prints ratios and writes bench/results/<timestamp>.json; it never fails on speed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { parseConfig } from '../src/server/config.ts';
import { type Database, openDatabase } from '../src/server/db/index.ts';
import { Keyring } from '../src/server/lib/crypto/index.ts';
import { type PreparedScenario, startBareServer } from './baseline.ts';
import { type BurstScenario, bursts, formatBursts, runBursts } from './bursts.ts';
import { baseUrl, checkTargets, log, measure, productionLogger } from './measure.ts';
import { formatTable } from './report.ts';
import { type Scenario, scenarios } from './scenarios.ts';
import { formatUploadResult, runUploadScenario, UPLOAD_SCENARIO, type UploadResult } from './upload.ts';
import { formatVolumes, runVolumes, VOLUME_SCENARIO, type VolumeReport, type VolumeSettings } from './volumes.ts';

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
  /** The case-volume scenarios (bench/volumes.ts); PostgreSQL only. */
  volumes: VolumeSettings | null;
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
  const known = [...scenarios, ...bursts].map((scenario) => scenario.name).concat(UPLOAD_SCENARIO, VOLUME_SCENARIO);
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
    volumes: names.length === 0 || names.includes(VOLUME_SCENARIO) ? readVolumeSettings() : null,
  };
}

function readVolumeSettings(): VolumeSettings {
  const raw = process.env.BENCH_VOLUMES || '10000,100000,1000000';
  const volumes = raw.split(',').map((value) => Number(value.trim()));
  if (volumes.some((volume) => !Number.isInteger(volume) || volume < 1) || volumes.length === 0) {
    throw new UsageError(`BENCH_VOLUMES must be comma-separated case counts, got "${raw}"`);
  }
  const seconds = positiveInteger('BENCH_VOLUME_SECONDS', 4);
  const rounds = Math.min(2, seconds);
  return {
    volumes: [...volumes].sort((a, b) => a - b),
    connections: positiveInteger('BENCH_VOLUME_CONNECTIONS', 5),
    warmupSeconds: 1,
    rounds,
    secondsPerRun: Math.max(1, Math.round(seconds / rounds)),
    contentionSeconds: positiveInteger('BENCH_CONTENTION_SECONDS', 5),
    queueClients: 5,
  };
}

async function serverVersion(database: Database): Promise<string> {
  const result = await database.db.execute(sql`SELECT version() AS version`);
  const rows = (result as unknown as { rows?: { version?: string }[] }).rows;
  return rows?.[0]?.version?.split(' ').slice(0, 2).join(' ') ?? 'unknown';
}

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
      // Production's settings, but its mail stays in the local outbox (there is no SMTP server in a bench).
      ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      EVIDENCE_DIR: path.join(tempDir, 'evidence'),
    });
    // Logging as in production (to a file): what a request costs includes its log lines.
    const logger = productionLogger(config, path.join(tempDir, 'app.log'));
    const app = await buildApp({ config, database, keyring: Keyring.generate(), ownsDatabase: false, logger });
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
    let volumes: VolumeReport | null = null;
    if (settings.volumes && databaseUrl) {
      log(`${VOLUME_SCENARIO}: ${settings.volumes.volumes.join(', ')} cases in a database of their own`);
      volumes = await runVolumes(settings.volumes, databaseUrl);
    } else if (settings.volumes) {
      log(`${VOLUME_SCENARIO}: skipped (PostgreSQL only: set DATABASE_URL)`);
    }
    // After the load: what the process holds (the app, its pools, the bare servers), and its peak.
    if (typeof global.gc === 'function') global.gc();
    const memory = {
      rssMb: process.memoryUsage().rss / 2 ** 20,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
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
    if (volumes) {
      console.log('');
      console.log(formatVolumes(volumes));
      console.log('');
      console.log(
        `Volumes: autocannon with ${settings.volumes?.connections} connections per scenario; the cheap read on one ` +
          `connection, alone and while ${settings.volumes?.queueClients} clients refresh the coordinator's queue without pause.`,
      );
    }
    if (burstResults.length > 0) {
      console.log('');
      console.log(formatBursts(burstResults));
      console.log('');
      console.log('Bursts: every request at the same moment; overbooked and waitlistGaps must be 0.');
    }

    console.log('');
    console.log(
      `Memory of the bench process after the bench: RSS ${memory.rssMb.toFixed(0)} MB (peak ${memory.peakRssMb.toFixed(0)} MB).`,
    );

    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const { selected: _selected, selectedBursts: _bursts, ...settingsForFile } = settings;
    writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), environment, settings: settingsForFile, results, upload, bursts: burstResults, volumes, memory }, null, 2)}\n`,
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
