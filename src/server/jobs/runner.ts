import { PgBoss } from 'pg-boss';
import type { Database } from '../db/index.ts';
import { takeJobsFromOldSchema } from './upgrade.ts';

/**
 * Background jobs on pg-boss 12, in the app's own database: one boss instance per process, talking
 * through Database.jobQueue (PGlite's single connection through pg-boss's own `fromPglite` adapter,
 * PostgreSQL through the app's pool), in its own `pgboss` schema. Jobs are rows, so they survive a restart: a job
 * due while the process was down runs when it is back.
 *
 * Modules register handlers (and crons) before start; sending is possible only while running. Handlers
 * must be idempotent: pg-boss delivers at least once, and a sweep may do the same work.
 *
 * Several instances on one database each run a boss, and work is still done once: a job is a row that
 * one worker takes (SKIP LOCKED); a job about a record is sent once, by the instance whose change made
 * it (after the commit); a cron occurrence is filed once, whichever instance's clock pass gets there
 * first (pg-boss 12 claims each pass in its `schedule` table and files each occurrence under a singleton
 * key). What two instances may still both run — a sweep and a per-record job at the same moment — takes
 * the record's row lock and checks whether the work was done (`reminderSentAt`, the waiting-list lock),
 * so a reminder or a promotion happens once (test/integration/several-instances.test.ts).
 */

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface JobDefinition {
  name: string;
  handler: JobHandler;
  /** A cron expression (pg-boss `schedule`), in the time zone below. */
  cron?: string;
  /** Retries before a job is marked failed. */
  retryLimit?: number;
}

export interface JobRunnerOptions {
  database: Database;
  log: { error(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void };
  timeZone?: string;
  /** How often workers look for due jobs (seconds; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
}

export const JOBS_SCHEMA = 'pgboss';

/** Finished and failed jobs hold only ids; keep them a week for diagnosis. */
const KEEP_FINISHED_SECONDS = 7 * 24 * 60 * 60;

/** One queue's backlog, for the metrics. */
export interface QueueDepth {
  name: string;
  /** Due now and not yet taken by a worker. */
  ready: number;
  /** Waiting for their start time. */
  deferred: number;
  active: number;
  /** Failed after every retry, within the retention window. */
  failed: number;
  /** Seconds the oldest ready job has waited since it became due; 0 when none is ready. */
  oldestReadySeconds: number;
}

export class JobRunner {
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #options: JobRunnerOptions;
  #boss: PgBoss | null = null;
  #starting: Promise<void> | null = null;

  constructor(options: JobRunnerOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#boss !== null;
  }

  register(definition: JobDefinition): void {
    if (this.#definitions.has(definition.name)) throw new Error(`Job ${definition.name} is registered twice`);
    this.#definitions.set(definition.name, definition);
  }

  async start(): Promise<void> {
    if (this.#boss) return;
    this.#starting ??= this.#start();
    try {
      await this.#starting;
    } finally {
      this.#starting = null;
    }
  }

  async #start(): Promise<void> {
    const { database, log } = this.#options;
    const boss = new PgBoss({ db: database.jobQueue.db, backend: database.jobQueue.backend, schema: JOBS_SCHEMA });
    boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
    const carried = await database.jobQueue.startAlone(async () => {
      const jobs = await takeJobsFromOldSchema(database.jobQueue.db, JOBS_SCHEMA);
      await boss.start();
      return jobs;
    });
    for (const definition of this.#definitions.values()) {
      const queue = {
        retryLimit: definition.retryLimit ?? 5,
        retryDelay: 30,
        retryBackoff: true,
        deleteAfterSeconds: KEEP_FINISHED_SECONDS,
      };
      // createQueue leaves an existing queue as it is; updateQueue brings its settings to these.
      await boss.createQueue(definition.name, queue);
      await boss.updateQueue(definition.name, queue);
      await boss.work<Record<string, unknown>>(
        definition.name,
        { pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) await definition.handler(job.data ?? {});
        },
      );
      if (definition.cron) {
        await boss.schedule(definition.name, definition.cron, {}, { tz: this.#options.timeZone ?? 'Europe/Amsterdam' });
      }
    }
    if (carried) {
      const known = carried.filter((job) => this.#definitions.has(job.name));
      for (const job of known) await boss.send(job.name, job.data, { startAfter: job.startAfter });
      log.info({ carried: known.length, dropped: carried.length - known.length }, 'job queue upgraded from pg-boss 10');
    }
    this.#boss = boss;
    log.info({ queues: [...this.#definitions.keys()] }, 'job runner started');
  }

  /** Queues a job, to run at `startAfter` (or now). A no-op while the runner is stopped (the sweeps catch up). */
  async send(name: string, data: Record<string, unknown>, options: { startAfter?: Date } = {}): Promise<string | null> {
    if (!this.#definitions.has(name)) throw new Error(`Unknown job ${name}`);
    if (!this.#boss) return null;
    return this.#boss.send(name, data, options.startAfter ? { startAfter: options.startAfter } : {});
  }

  /**
   * The backlog of every registered queue (metrics); empty while the runner is stopped. Counted from
   * the job table itself: pg-boss's own queue counts are refreshed only by its monitor, once a minute.
   */
  async depths(): Promise<QueueDepth[]> {
    if (!this.#boss) return [];
    const names = [...this.#definitions.keys()];
    const waiting = `state::text IN ('created', 'retry')`;
    const { rows } = await this.#options.database.jobQueue.db.executeSql(
      `SELECT name,
              count(*) FILTER (WHERE ${waiting} AND start_after <= now())::int AS ready,
              count(*) FILTER (WHERE ${waiting} AND start_after > now())::int AS deferred,
              count(*) FILTER (WHERE state::text = 'active')::int AS active,
              count(*) FILTER (WHERE state::text = 'failed')::int AS failed,
              coalesce(extract(epoch FROM now() - min(start_after) FILTER (WHERE ${waiting} AND start_after <= now())), 0)::float8 AS oldest
         FROM ${JOBS_SCHEMA}.job
        WHERE name = ANY($1)
        GROUP BY name`,
      [names],
    );
    const byName = new Map((rows as Array<Record<string, number | string>>).map((row) => [String(row.name), row]));
    return names.map((name) => {
      const row = byName.get(name);
      return {
        name,
        ready: Number(row?.ready ?? 0),
        deferred: Number(row?.deferred ?? 0),
        active: Number(row?.active ?? 0),
        failed: Number(row?.failed ?? 0),
        oldestReadySeconds: Math.max(0, Number(row?.oldest ?? 0)),
      };
    });
  }

  /** Stops fetching, waits for running handlers (bounded), and leaves queued jobs for the next start. */
  async stop(): Promise<void> {
    if (this.#starting) await this.#starting.catch(() => {});
    const boss = this.#boss;
    if (!boss) return;
    this.#boss = null;
    // close: false — the database belongs to the app, which closes it after this.
    await boss.stop({ graceful: true, timeout: 10_000, close: false });
  }
}
