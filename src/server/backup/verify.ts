import { and, asc, gt, isNotNull, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { encryptedColumnRegistry } from '../encrypted-columns.ts';
import { describeEnvelope, type Keyring, type SerializedEnvelope } from '../lib/crypto/index.ts';
import type { EncryptedColumn } from '../lib/encrypted-columns.ts';
import { verifyAuditChain } from '../modules/audit/service.ts';

/** What a restore checks before it calls the database usable. */
export interface RestoreCheck {
  audit: { intact: boolean; checked: number; brokenAtSeq: number | null };
  /** Encrypted values looked at, and how many are under a key the keyring does not have (unreadable). */
  encrypted: { checked: number; unreadable: number; missingKeyIds: string[] };
}

export async function checkRestoredDatabase(
  db: Db,
  keyring: Keyring,
  columns: readonly EncryptedColumn[] = encryptedColumnRegistry().all(),
): Promise<RestoreCheck> {
  const audit = await verifyAuditChain(db);
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
    audit: { intact: !audit.firstBreak, checked: audit.checked, brokenAtSeq: audit.firstBreak?.seq ?? null },
    encrypted: { checked, unreadable, missingKeyIds: [...missing].sort() },
  };
}
