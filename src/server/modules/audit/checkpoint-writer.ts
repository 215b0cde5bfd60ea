import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import {
  appendLine,
  type Checkpoint,
  currentHeads,
  headsDigest,
  lastLineOf,
  postCheckpoint,
  signCheckpoint,
} from './checkpoints.ts';
import { AUDIT_MAINTENANCE_LOCK } from './legacy.ts';
import { AUDIT_LOCK_CLASS } from './service.ts';

export interface CheckpointSettings {
  /** The append-only checkpoint log (kept apart from the database). */
  file: string;
  /** An external sink that receives every checkpoint line as a JSON POST (optional). */
  url: string | null;
  intervalSeconds: number;
}

interface WriterLog {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
}

function previousDigest(line: string): string | null {
  try {
    return (JSON.parse(line) as Checkpoint).digest;
  } catch {
    return null;
  }
}

/** Lines not yet accepted by the external sink are sent again later, up to this many. */
const MAX_UNSENT = 500;

/**
 * Writes a signed checkpoint every `intervalSeconds` when a chain moved, and once more when the app
 * stops. Failures (the database away, the sink down) are logged and retried on the next tick; they never
 * stop the app. Appends are serialised by an advisory lock, so instances sharing a log do not interleave.
 */
export class CheckpointWriter {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<Checkpoint | null> | null = null;
  #failing = false;
  #sinkFailing = false;
  readonly #unsent: string[] = [];

  private readonly deps: { db: Db; keyring: Keyring; settings: CheckpointSettings; log: WriterLog };

  constructor(deps: { db: Db; keyring: Keyring; settings: CheckpointSettings; log: WriterLog }) {
    this.deps = deps;
  }

  get settings(): CheckpointSettings {
    return this.deps.settings;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.tick(), this.deps.settings.intervalSeconds * 1000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** One attempt, never throwing: what the timer and shutdown call. */
  async tick(): Promise<void> {
    try {
      await this.write();
      if (this.#failing) this.deps.log.info({}, 'audit checkpoints are written again');
      this.#failing = false;
    } catch (error) {
      if (!this.#failing) this.deps.log.warn({ err: error }, 'could not write an audit checkpoint; retrying');
      this.#failing = true;
    }
  }

  /** Writes a checkpoint now when any chain moved since the last one; returns it (null: nothing new). */
  async write(): Promise<Checkpoint | null> {
    this.#running ??= this.#write().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #write(): Promise<Checkpoint | null> {
    const { db, keyring, settings } = this.deps;
    const written = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int, ${AUDIT_MAINTENANCE_LOCK}::int)`);
      // Refresh marks only de-duplicate reads of the current window (service.ts); a day is plenty.
      await tx.execute(sql`DELETE FROM audit_refresh_marks WHERE window_start < now() - interval '1 day'`);
      const heads = await currentHeads(tx);
      const previousLine = lastLineOf(settings.file);
      if (previousLine && previousDigest(previousLine) === headsDigest(heads)) return null;
      if (!previousLine && heads.length === 0) return null;
      const signed = signCheckpoint(keyring, heads, previousLine, new Date());
      appendLine(settings.file, signed.line);
      return signed;
    });
    if (written && settings.url) {
      this.#unsent.push(written.line);
      if (this.#unsent.length > MAX_UNSENT) this.#unsent.shift();
    }
    await this.#flushSink();
    return written?.checkpoint ?? null;
  }

  /** Sends what the sink has not accepted yet, oldest first; a failure waits for the next checkpoint. */
  async #flushSink(): Promise<void> {
    const url = this.deps.settings.url;
    if (!url) return;
    try {
      while (this.#unsent.length > 0) {
        await postCheckpoint(url, this.#unsent[0] as string);
        this.#unsent.shift();
      }
      this.#sinkFailing = false;
    } catch (error) {
      if (!this.#sinkFailing) {
        this.deps.log.warn(
          { err: error, waiting: this.#unsent.length },
          'the audit checkpoint sink did not accept; retrying',
        );
      }
      this.#sinkFailing = true;
    }
  }
}
