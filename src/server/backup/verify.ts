import { and, asc, gt, isNotNull, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { encryptedColumnRegistry } from '../encrypted-columns.ts';
import { describeEnvelope, type Keyring, type SerializedEnvelope } from '../lib/crypto/index.ts';
import type { EncryptedColumn } from '../lib/encrypted-columns.ts';
import type { Checkpoint } from '../modules/audit/checkpoints.ts';
import { verifyAuditChain } from '../modules/audit/verify.ts';

/** What a restore checks before it calls the database usable. */
export interface RestoreCheck {
  /** The keyed chains (checked against the checkpoint when there is one); where and why the first break is. */
  audit: { intact: boolean; checked: number; brokenAt: string | null };
  /** Encrypted values looked at, and how many are under a key the keyring does not have (unreadable). */
  encrypted: { checked: number; unreadable: number; missingKeyIds: string[] };
}

export async function checkRestoredDatabase(
  db: Db,
  keyring: Keyring,
  checkpoint: Checkpoint | null = null,
  columns: readonly EncryptedColumn[] = encryptedColumnRegistry().all(),
): Promise<RestoreCheck> {
  const audit = await verifyAuditChain(db, { checkpoint });
  const found = audit.firstBreak;
  const brokenAt = found
    ? `${found.chain === null ? `entry seq ${found.seq}` : `chain ${found.chain}, position ${found.seq}`}: ${found.reason}`
    : null;
  const known = new Set(keyring.kids);
  const missing = new Set<string>();
  let checked = 0;
  let unreadable = 0;
  for (const entry of columns) {
    const pageSize = entry.pageSize ?? 200;
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
        checked++;
        const { kid } = describeEnvelope(row.value);
        if (!known.has(kid)) {
          unreadable++;
          missing.add(kid);
        }
      }
      if (page.length < pageSize) break;
    }
  }
  return {
    audit: { intact: !found, checked: audit.checked, brokenAt },
    encrypted: { checked, unreadable, missingKeyIds: [...missing].sort() },
  };
}
