import type { Db, Tx } from '../db/index.ts';
import type { ServiceContext } from './context.ts';

/**
 * The one way a change runs: who acts (the service context), one transaction for the change and its
 * audit rows, and effects that wait for the commit. An effect never runs inside the transaction (a mail
 * for a change that rolled back would be a lie; on PGlite a job sent from inside it would deadlock on
 * the single connection), and never runs at all when the work throws.
 *
 * Services take a `UnitOfWork` and open it themselves: routes only parse, call the service and reply.
 */

/** Sending a background job; the jobs runner (src/server/jobs) implements it. */
export interface JobSender {
  send(name: string, data: Record<string, unknown>, options?: { startAfter?: Date }): Promise<unknown>;
}

export interface UnitOfWorkLog {
  error(obj: unknown, msg?: string): void;
}

export interface UnitOfWorkDeps {
  db: Db;
  log: UnitOfWorkLog;
  /** Null where no job runner exists (some CLI commands); sending a job then fails the work. */
  jobs: JobSender | null;
  /** Delivers the outbox; failures stay in the outbox and must not fail the request. */
  flushMail(): Promise<void>;
  /** The clock; tests may move it. */
  now(): Date;
}

/** What a service works with inside the unit: the context, the transaction, the clock and the effects. */
export interface Work extends ServiceContext {
  readonly tx: Tx;
  /** One moment for the whole change, so every row it writes carries the same time. */
  readonly now: Date;
  /** Deliver the outbox after the commit (call after queueing mail in `tx`). */
  deliverMail(): void;
  /**
   * Send a job after the commit. A failed send is logged, not thrown: the change is already committed,
   * so every job sent this way needs a sweep (or retry) that finds the work anyway.
   */
  sendJob(name: string, data: Record<string, unknown>, options?: { startAfter?: Date }): void;
  /** Any other effect after the commit (best effort; a failure is logged with the label). */
  afterCommit(label: string, effect: () => Promise<void>): void;
}

export class UnitOfWork {
  readonly deps: UnitOfWorkDeps;

  constructor(deps: UnitOfWorkDeps) {
    this.deps = deps;
  }

  get db(): Db {
    return this.deps.db;
  }

  now(): Date {
    return this.deps.now();
  }

  /** Runs `work` in one transaction; on commit, the effects it asked for, in order. */
  async run<T>(ctx: ServiceContext, work: (w: Work) => Promise<T>): Promise<T> {
    const effects: { label: string; effect: () => Promise<void> }[] = [];
    let mail = false;
    const now = this.deps.now();
    const result = await this.deps.db.transaction((tx) =>
      work({
        ...ctx,
        tx,
        now,
        deliverMail: () => {
          mail = true;
        },
        sendJob: (name, data, options) => {
          const jobs = this.deps.jobs;
          if (!jobs) throw new Error(`No job runner to send ${name}`);
          effects.push({ label: `job ${name}`, effect: async () => void (await jobs.send(name, data, options)) });
        },
        afterCommit: (label, effect) => {
          effects.push({ label, effect });
        },
      }),
    );
    await this.#afterCommit(effects, mail);
    return result;
  }

  async #afterCommit(effects: { label: string; effect: () => Promise<void> }[], mail: boolean): Promise<void> {
    for (const { label, effect } of effects) {
      try {
        await effect();
      } catch (error) {
        this.deps.log.error({ err: error, effect: label }, 'an effect after commit failed');
      }
    }
    if (mail) await this.deps.flushMail();
  }
}
