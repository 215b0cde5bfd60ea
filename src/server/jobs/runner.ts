import PgBoss from 'pg-boss';
import type { Database } from '../db/index.ts';

/**
 * Background jobs on pg-boss 10, in the app's own database: one boss instance per process, talking
 * through Database.executeSql (PGlite's single connection through the three-rule adapter, PostgreSQL
 * through the app's pool), in its own `pgboss` schema. Jobs are rows, so they survive a restart: a job
 * due while the process was down runs when it is back.
 *
 * Modules register handlers (and crons) before start; sending is possible only while running. Handlers
 * must be idempotent: pg-boss delivers at least once, and a sweep may do the same work.
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

export class JobRunner {
  readonly #definitions = new Map<string, JobDefinition>();
  #boss: PgBoss | null = null;
  #starting: Promise<void> | null = null;

  constructor(private readonly options: JobRunnerOptions) {}

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
    const { database } = this.options;
    const boss = new PgBoss({
      db: { executeSql: (text, values) => database.executeSql(text, values) },
      schema: JOBS_SCHEMA,
      // Finished jobs hold only ids; keep them a week for diagnosis.
      deleteAfterDays: 7,
    });
    boss.on('error', (error) => this.options.log.error({ err: error }, 'job queue error'));
    await boss.start();
    for (const definition of this.#definitions.values()) {
      await boss.createQueue(definition.name, {
        name: definition.name,
        retryLimit: definition.retryLimit ?? 5,
        retryDelay: 30,
        retryBackoff: true,
      });
      await boss.work<Record<string, unknown>>(
        definition.name,
        { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) await definition.handler(job.data ?? {});
        },
      );
      if (definition.cron) {
        await boss.schedule(definition.name, definition.cron, {}, { tz: this.options.timeZone ?? 'Europe/Amsterdam' });
      }
    }
    this.#boss = boss;
    this.options.log.info({ queues: [...this.#definitions.keys()] }, 'job runner started');
  }

  /** Queues a job, to run at `startAfter` (or now). A no-op while the runner is stopped (the sweeps catch up). */
  async send(name: string, data: Record<string, unknown>, options: { startAfter?: Date } = {}): Promise<string | null> {
    if (!this.#definitions.has(name)) throw new Error(`Unknown job ${name}`);
    if (!this.#boss) return null;
    return this.#boss.send(name, data, options.startAfter ? { startAfter: options.startAfter } : {});
  }

  /** Stops fetching, waits for running handlers (bounded), and leaves queued jobs for the next start. */
  async stop(): Promise<void> {
    if (this.#starting) await this.#starting.catch(() => {});
    const boss = this.#boss;
    if (!boss) return;
    this.#boss = null;
    await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
  }
}
