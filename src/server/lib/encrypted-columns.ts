import { and, asc, eq, gt, isNotNull, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/index.ts';
import type { Keyring, SerializedEnvelope } from './crypto/index.ts';

/**
 * One database column that holds envelopes (encrypted with the keyring), with the primary key to
 * address its rows. The primary key must be a single column (text or uuid) that orders rows.
 */
export interface EncryptedColumn {
  /** `table.column`, for progress output. */
  name: string;
  table: PgTable;
  column: AnyPgColumn;
  primaryKey: AnyPgColumn;
  /** Rows read per query; set it low for large values (file contents), so a page stays small in memory. */
  pageSize?: number;
}

/**
 * The registry of encrypted columns. Each module owns a list of its envelope columns, registered when
 * the application is composed (src/server/encrypted-columns.ts); this file knows no module. Key rotation (`npm run cli -- keys:rotate`) re-wraps exactly the
 * registered columns, and a test fails for any `*_envelope` column of the schema that no module registered.
 */
export class EncryptedColumnRegistry {
  readonly #columns = new Map<string, { owner: string; column: EncryptedColumn }>();

  /** Adds a module's columns; a column registered twice is a mistake in the composition and throws. */
  register(owner: string, columns: readonly EncryptedColumn[]): this {
    for (const column of columns) {
      const earlier = this.#columns.get(column.name);
      if (earlier) throw new Error(`${column.name} is registered by ${earlier.owner} and again by ${owner}`);
      this.#columns.set(column.name, { owner, column });
    }
    return this;
  }

  /** Every registered column, in registration order. */
  all(): readonly EncryptedColumn[] {
    return [...this.#columns.values()].map((entry) => entry.column);
  }

  /** Which module registered a column (by `table.column`), if any. */
  ownerOf(name: string): string | undefined {
    return this.#columns.get(name)?.owner;
  }
}

export interface RewrapProgress {
  column: string;
  /** Rows with a value looked at so far in this column. */
  scanned: number;
  rewrapped: number;
}

export interface RewrapReport {
  columns: { name: string; scanned: number; rewrapped: number; alreadyCurrent: number; changedMeanwhile: number }[];
  /** Envelopes re-wrapped (with dryRun: due for it). */
  rewrapped: number;
  /** True when `limit` stopped the run early; run it again to go on. */
  stoppedEarly: boolean;
}

export interface RewrapOptions {
  /** The columns to walk: the registry's, or a few of them (tests). */
  columns: readonly EncryptedColumn[];
  /** Rows read per query, unless the column sets its own. */
  pageSize?: number;
  /** Count what is due without changing anything. */
  dryRun?: boolean;
  /** Stop after this many rewraps (to bound a run; the next run resumes). */
  limit?: number;
  onProgress?: (progress: RewrapProgress) => void;
}

/**
 * Re-wraps every envelope that is not under the keyring's current key, row by row. Each row is its own
 * small update, conditional on the value still being the one read, so the run is safe to interrupt at
 * any moment and to repeat: a second run skips what the first finished (needsRewrap is false) and a
 * row changed by the application in the meantime is left to it (it was written under the current key).
 * The payload is never decrypted; only the wrapped data key and the kid change.
 */
export async function rewrapAll(db: DbOrTx, keyring: Keyring, options: RewrapOptions): Promise<RewrapReport> {
  const report: RewrapReport = { columns: [], rewrapped: 0, stoppedEarly: false };
  for (const entry of options.columns) {
    const stats = { name: entry.name, scanned: 0, rewrapped: 0, alreadyCurrent: 0, changedMeanwhile: 0 };
    report.columns.push(stats);
    const pageSize = entry.pageSize ?? options.pageSize ?? 100;
    let after: unknown;
    for (;;) {
      const conditions: (SQL | undefined)[] = [isNotNull(entry.column)];
      if (after !== undefined) conditions.push(gt(entry.primaryKey, after));
      const page = (await db
        .select({ key: entry.primaryKey, value: entry.column })
        .from(entry.table)
        .where(and(...conditions))
        .orderBy(asc(entry.primaryKey))
        .limit(pageSize)) as { key: unknown; value: SerializedEnvelope | null }[];
      for (const row of page) {
        after = row.key;
        if (row.value === null) continue;
        stats.scanned++;
        if (!keyring.needsRewrap(row.value)) {
          stats.alreadyCurrent++;
          continue;
        }
        if (options.limit !== undefined && report.rewrapped >= options.limit) {
          report.stoppedEarly = true;
          return report;
        }
        if (options.dryRun) {
          stats.rewrapped++;
          report.rewrapped++;
          continue;
        }
        const rewrapped = keyring.rewrap(row.value);
        const updated = await db
          .update(entry.table)
          .set({ [columnKey(entry)]: rewrapped })
          .where(and(eq(entry.primaryKey, row.key), eq(entry.column, row.value)))
          .returning({ key: entry.primaryKey });
        if (updated.length === 1) {
          stats.rewrapped++;
          report.rewrapped++;
        } else {
          stats.changedMeanwhile++;
        }
        options.onProgress?.({ column: entry.name, scanned: stats.scanned, rewrapped: stats.rewrapped });
      }
      if (page.length < pageSize) break;
    }
  }
  return report;
}

/** The property name drizzle uses for a column in `.set()`. */
function columnKey(entry: EncryptedColumn): string {
  const columns = entry.table as unknown as Record<string, unknown>;
  const key = Object.keys(columns).find((name) => columns[name] === entry.column);
  if (!key) throw new Error(`${entry.name}: the column is not part of its table`);
  return key;
}
