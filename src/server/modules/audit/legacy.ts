import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.ts';
import { systemContext } from '../../lib/context.ts';
import { auditLog } from './db.ts';
import { AUDIT_LOCK_CLASS, recordAudit } from './service.ts';
import { CHAIN_KEYED_ACTION, type LegacyState, walkLegacy } from './verify.ts';

/** Advisory lock (class AUDIT_LOCK_CLASS) for one-off trail maintenance; chains use 0…CHAIN_COUNT-1. */
export const AUDIT_MAINTENANCE_LOCK = 1000;

/**
 * The upgrade rule for rows written before the chains were keyed (documented in README.md): their old
 * SHA-256 chain is checked once, as it is, and its state (row count, a digest of every row as found,
 * whether it verified) is written into one keyed `audit.chain_keyed` entry. From then on `audit:verify`
 * re-checks the old rows against that keyed entry, so re-hashing an edited old row with the public
 * SHA-256 function no longer goes unnoticed. Runs at start, once per database (idempotent, locked).
 */
export async function ensureLegacyAnchor(db: Db): Promise<LegacyState | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int, ${AUDIT_MAINTENANCE_LOCK}::int)`);
    const [legacy] = await tx.select({ seq: auditLog.seq }).from(auditLog).where(isNull(auditLog.chain)).limit(1);
    if (!legacy) return null;
    const [anchor] = await tx
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(and(eq(auditLog.action, CHAIN_KEYED_ACTION), isNotNull(auditLog.chain)))
      .limit(1);
    if (anchor) return null;
    const state = await walkLegacy(tx);
    await recordAudit(tx, systemContext(), {
      action: CHAIN_KEYED_ACTION,
      recordType: 'audit_log',
      details: {
        legacyRows: state.rows,
        legacyDigest: state.digest,
        legacyIntact: state.intact,
        legacyBrokenAt: state.brokenAt,
      },
    });
    return state;
  });
}
