import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { fromPglite, type Db as JobQueueDb } from 'pg-boss';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { isDatabaseUnavailable } from './errors.ts';
import { latestMigrationMillis, migrationsFolder } from './migrations.ts';
import * as schema from './schema.ts';

/** The typed handle every repository uses. It is the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction on that handle. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Repositories take either, so a service decides where the transaction boundary is. */
export type DbOrTx = Db | Tx;

/** Rows of a raw `db.execute(sql...)`: both drivers answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? [];
}

export interface Database {
  readonly db: Db;
  /** For logs and the start-up banner only; no code path may branch on it. */
  readonly description: string;
  /** True when the database answers and every migration in the repository is applied. */
  isReady(): Promise<boolean>;
  /**
   * How the job queue (pg-boss) reaches this database: on PGlite through pg-boss's own `fromPglite`
   * adapter on the one connection, on PostgreSQL through the app's pool. Nothing else should use it:
   * repositories use `db`. Never run its SQL inside a `db.transaction()`: on PGlite (one connection) it
   * waits for that transaction.
   */
  readonly jobQueue: {
    db: JobQueueDb;
    backend: 'pglite' | 'postgres';
    /**
     * Runs the job queue's start (which installs or migrates pg-boss's schema) while no other instance
     * runs its own. pg-boss takes a transaction-level lock for its install, but a second instance
     * waiting on that lock keeps the catalogue it read before, finds no schema and fails on the
     * unique index of schema names (seen with two instances starting together on an empty database).
     */
    startAlone<T>(start: () => Promise<T>): Promise<T>;
  };
  /**
   * The connection pool, for the metrics: its size, the connections open, idle, and the queries waiting
   * for one. PGlite is one connection that cannot tell whether it is busy: idle and waiting are null.
   */
  connectionStats(): { max: number; total: number; idle: number | null; waiting: number | null };
  /**
   * What a backup needs (src/server/backup): PGlite dumps its data directory from inside the process
   * that holds it; PostgreSQL is dumped by pg_dump from its URL.
   */
  readonly backupSource: { kind: 'pglite'; dump(): Promise<Blob> } | { kind: 'postgres'; url: string };
  close(): Promise<void>;
}

export type DatabaseOptions =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** How long opening waits for a server that is not accepting connections yet (default 0: not at all). */
      startupWaitMs?: number;
      /** Where connection trouble is reported (start-up waits, a connection lost); console by default. */
      log?: DatabaseLog;
    }
  | { kind: 'pglite'; dataDir: string }
  /** In-memory PGlite, optionally starting from a dump made with `dumpMigratedTemplate` (tests). */
  | { kind: 'memory'; loadDataDir?: Blob | File };

export interface DatabaseLog {
  warn(message: string): void;
}

const consoleLog: DatabaseLog = { warn: (message) => console.error(message) };

/** A connection attempt that hangs (a server behind a dead route) fails after this, instead of never. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Any PostgreSQL bigint literal works as key; this one is "weerbaar" in ASCII, cut to 63 bits. */
const MIGRATION_LOCK_KEY = 8_607_926_003_564_155_506n;
/** Another arbitrary key, for the job queue's start (Database.jobQueue.startAlone). */
const JOB_QUEUE_LOCK_KEY = 8_607_926_003_564_155_507n;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'postgres' ? openPostgres(options) : openPglite(options);
}

async function openPostgres(options: Extract<DatabaseOptions, { kind: 'postgres' }>): Promise<Database> {
  const { url, poolSize = 10, startupWaitMs = 0, log = consoleLog } = options;
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection can be cut by the server at any moment (a restart, a failover, an administrator). pg
  // reports that as an 'error' event: on the pool for an idle connection, on the client itself for one
  // that is checked out (in a transaction, between two queries). An 'error' event without a listener
  // kills the process, so every client gets one for its whole life; the query in flight fails on its own,
  // the pool discards the broken client on release, and the next request connects afresh.
  let lastReport = 0;
  const report = (error: Error) => {
    const now = Date.now();
    if (now - lastReport < 10_000) return; // an outage breaks every connection at once: say it once
    lastReport = now;
    log.warn(
      `PostgreSQL connection lost (${(error as { code?: string }).code ?? error.message}); reconnecting on next use.`,
    );
  };
  pool.on('error', report);
  pool.on('connect', (client) => {
    client.on('error', report);
  });
  try {
    await withStartupWait(() => migratePostgresUnderLock(pool), startupWaitMs, log);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzleNodePg(new TransactionSafePool(pool) as unknown as pg.Pool, { schema }) as unknown as Db;
  const host = new URL(url);
  return {
    db,
    description: `PostgreSQL at ${host.hostname}:${host.port || 5432}${host.pathname}`,
    isReady: () => isReady(db),
    jobQueue: {
      backend: 'postgres',
      startAlone: (start) => underSessionLock(pool, JOB_QUEUE_LOCK_KEY, start),
      db: {
        executeSql: async (text, values) => {
          // node-postgres answers a multi-statement text with one result per statement; pg-boss wants them all.
          const result = (await pool.query(text, values)) as pg.QueryResult | pg.QueryResult[];
          return { rows: Array.isArray(result) ? result.flatMap((part) => part.rows ?? []) : result.rows };
        },
      },
    },
    connectionStats: () => ({
      max: poolSize,
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    backupSource: { kind: 'postgres', url },
    close: () => pool.end(),
  };
}

/**
 * What Drizzle gets instead of the pool. Drizzle's transaction() checks a client out and sends BEGIN
 * before its try/finally: when BEGIN fails (the server just went away), the client is never released,
 * and every outage would cost the pool a connection until no request could get one. This hands out
 * clients whose failed BEGIN releases them (as broken, so the pool drops them), and whose release is
 * idempotent. Drizzle recognises a pool by its class name, hence the name.
 */
class TransactionSafePool {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  query(...args: Parameters<pg.Pool['query']>) {
    return (this.pool.query as (...a: unknown[]) => unknown)(...args);
  }

  async connect(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    const release = client.release;
    let released = false;
    client.release = (error?: Error | boolean) => {
      if (released) return;
      released = true;
      release.call(client, error);
    };
    guardBegin(client);
    return client;
  }
}

const GUARDED = Symbol('begin guarded');

function guardBegin(client: pg.PoolClient) {
  const marked = client as pg.PoolClient & { [GUARDED]?: true };
  if (marked[GUARDED]) return;
  marked[GUARDED] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: unknown } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    const result = query(...args);
    if (typeof text === 'string' && /^\s*begin\b/i.test(text) && result instanceof Promise) {
      return result.catch((error: unknown) => {
        client.release(error instanceof Error ? error : new Error('BEGIN failed'));
        throw error;
      });
    }
    return result;
  };
}

/**
 * Start-up may come before the database (containers starting together, a server restarting): while the
 * server is not accepting connections, wait and try again, with a growing pause, up to `waitMs`. Any other
 * failure (wrong password, a failing migration) ends the start at once.
 */
async function withStartupWait<T>(attempt: () => Promise<T>, waitMs: number, log: DatabaseLog): Promise<T> {
  const deadline = Date.now() + waitMs;
  let pause = 250;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + pause > deadline) throw error;
      if (tries === 1 || tries % 10 === 0) {
        log.warn(
          `PostgreSQL is not accepting connections yet (${(error as { code?: string }).code ?? (error as Error).message}); waiting up to ${Math.round(waitMs / 1000)} s.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 5_000);
    }
  }
}

/**
 * drizzle's migrator takes no lock of its own, so two instances starting together could both try to
 * apply the same migration. A session-level advisory lock on one connection serialises them; the
 * second instance then finds nothing left to do.
 */
async function migratePostgresUnderLock(pool: pg.Pool): Promise<void> {
  await underSessionLock(pool, MIGRATION_LOCK_KEY, (client) =>
    migrateNodePg(drizzleNodePg(client), { migrationsFolder }),
  );
}

/** Runs `work` while holding a session-level advisory lock on a connection of its own. */
async function underSessionLock<T>(
  pool: pg.Pool,
  key: bigint,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key.toString()]);
    try {
      return await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key.toString()]);
    }
  } finally {
    client.release();
  }
}

async function openPglite(
  options: { kind: 'pglite'; dataDir: string } | { kind: 'memory'; loadDataDir?: Blob | File },
) {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  if (options.kind === 'pglite') {
    const dataDir = path.resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    lock = lockDataDir(dataDir);
    client = new PGlite(pgliteDirectory(dataDir));
  } else {
    client = new PGlite(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  }
  try {
    await client.waitReady;
    await migratePglite(drizzlePglite(client), { migrationsFolder });
  } catch (error) {
    await client.close().catch(() => {});
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    description: options.kind === 'pglite' ? `embedded PGlite in ${path.resolve(options.dataDir)}` : 'in-memory PGlite',
    isReady: () => isReady(db),
    // pg-boss 12's own adapter keeps the rules our old one had: several statements through exec(),
    // the rows of all of them, and a ROLLBACK after an error so the one connection is never left in
    // an aborted transaction.
    // One process holds a PGlite directory (its lock file), so a start is always alone.
    jobQueue: { backend: 'pglite', db: fromPglite(client), startAlone: (start) => start() },
    connectionStats: () => ({ max: 1, total: 1, idle: null, waiting: null }),
    backupSource: { kind: 'pglite', dump: () => dumpConsistently(client) },
    close: async () => {
      // Closing PGlite flushes its files; the lock goes only after that, so no second process can
      // open a directory that is still being written.
      await client.close();
      lock?.release();
    },
  } satisfies Database;
}

/** Where PGlite keeps its files inside DATA_DIR (beside the lock file and the control socket). */
export function pgliteDirectory(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'pglite');
}

/**
 * A dump of the embedded database while the app runs. PGlite runs one statement at a time, but an app
 * transaction spans several: holding PGlite's transaction lock keeps every other transaction out while
 * the files are read, and the CHECKPOINT first leaves little WAL to replay after a restore.
 */
export async function dumpConsistently(client: PGlite): Promise<Blob> {
  await client.query('CHECKPOINT');
  return client.transaction(async () => client.dumpDataDir('gzip'));
}

async function isReady(db: Db): Promise<boolean> {
  try {
    return (await appliedMigrationMillis(db)) >= latestMigrationMillis();
  } catch {
    return false;
  }
}

/** When the newest migration applied to this database was made (its journal time; 0 when none). */
export async function appliedMigrationMillis(db: Db): Promise<number> {
  const rows = await db.execute<{ latest: string | null }>(
    sql`SELECT max(created_at)::text AS latest FROM drizzle.__drizzle_migrations`,
  );
  return Number(rowsOf<{ latest: string | null }>(rows)[0]?.latest ?? 0);
}

/**
 * Tests open many short-lived databases; migrating each from scratch costs seconds. This migrates
 * one in-memory PGlite and returns its dump, which `openDatabase({ kind: 'memory', loadDataDir })` loads
 * in a fraction of that time.
 */
export async function dumpMigratedTemplate(): Promise<File | Blob> {
  const client = new PGlite();
  await client.waitReady;
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  const dump = await client.dumpDataDir('none');
  await client.close();
  return dump;
}
