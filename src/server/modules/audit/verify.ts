import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { type DbOrTx, rowsOf } from '../../db/index.ts';
import { type ChainBreak, KeyedChainVerifier, LegacyChainVerifier, type StoredRow } from './chain.ts';
import { type ChainHead, type Checkpoint, headsDigest } from './checkpoints.ts';
import { auditLog } from './db.ts';
import { auditKeyringOf } from './key.ts';

/** The keyed entry that pins the rows written before the chains were keyed (see legacy.ts). */
export const CHAIN_KEYED_ACTION = 'audit.chain_keyed';

export interface LegacyState {
  rows: number;
  /** SHA-256 over every legacy row as found (content and stored hash). */
  digest: string;
  /** Whether the old SHA-256 chain verified when it was pinned. */
  intact: boolean;
  /** The first break of the old chain, when it did not verify. */
  brokenAt: number | null;
}

export interface VerifyResult {
  /** Entries checked (legacy and keyed). */
  checked: number;
  firstBreak: ChainBreak | null;
  /** The intact head of each keyed chain. */
  heads: ChainHead[];
  /** Rows from before the chains were keyed, and whether a keyed anchor pins them. */
  legacy: { rows: number; anchored: boolean; brokenBeforeKeying: boolean };
  /** Entries written after the checkpoint checked against (not yet anchored outside the database). */
  afterCheckpoint: number | null;
}

export interface VerifyOptions {
  /** The latest signed checkpoint; without one, a cut-off tail cannot be noticed. */
  checkpoint?: Checkpoint | null;
  pageSize?: number;
}

function asStored(row: typeof auditLog.$inferSelect): StoredRow {
  return row;
}

/** Walks the legacy chain; also used when pinning it (legacy.ts). */
export async function walkLegacy(
  db: DbOrTx,
  pageSize = 1000,
): Promise<LegacyState & { firstBreak: ChainBreak | null }> {
  const verifier = new LegacyChainVerifier();
  let afterSeq = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(isNull(auditLog.chain), gt(auditLog.seq, afterSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of page) verifier.feed(asStored(row));
    const last = page[page.length - 1];
    if (!last) break;
    afterSeq = last.seq;
  }
  const firstBreak = verifier.firstBreak;
  return {
    rows: verifier.checked,
    digest: verifier.finish(),
    intact: firstBreak === null,
    brokenAt: firstBreak?.seq ?? null,
    firstBreak,
  };
}

/**
 * Recomputes every keyed chain and the legacy chain, page by page, and checks them against the latest
 * signed checkpoint: the first break found is reported (chains in order, then the legacy rows).
 */
export async function verifyAuditChain(db: DbOrTx, options: VerifyOptions = {}): Promise<VerifyResult> {
  const keyring = auditKeyringOf(db);
  const pageSize = options.pageSize ?? 1000;
  const checkpoint = options.checkpoint ?? null;
  const pinned = new Map((checkpoint?.heads ?? []).map(([chain, chainSeq]) => [chain, chainSeq]));
  const chains = rowsOf<{ chain: number }>(
    await db.execute(sql`SELECT DISTINCT chain FROM audit_log WHERE chain IS NOT NULL ORDER BY chain`),
  ).map((row) => Number(row.chain));
  for (const chain of pinned.keys()) if (!chains.includes(chain)) chains.push(chain);
  chains.sort((a, b) => a - b);

  let checked = 0;
  let firstBreak: ChainBreak | null = null;
  let afterCheckpoint = 0;
  const heads: ChainHead[] = [];
  const atCheckpoint: ChainHead[] = [];
  const anchors: LegacyState[] = [];

  for (const chain of chains) {
    const verifier = new KeyedChainVerifier(keyring, chain);
    let afterSeq = 0;
    walk: for (;;) {
      const page = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.chain, chain), gt(auditLog.chainSeq, afterSeq)))
        .orderBy(asc(auditLog.chainSeq))
        .limit(pageSize);
      for (const row of page) {
        const found = verifier.feed({ ...row, chain, chainSeq: row.chainSeq ?? 0 });
        if (found) {
          firstBreak ??= found;
          break walk;
        }
        if (row.chainSeq === pinned.get(chain)) atCheckpoint.push({ chain, chainSeq: row.chainSeq, hash: row.hash });
        if (row.action === CHAIN_KEYED_ACTION) anchors.push(anchorState(row.details));
      }
      const last = page[page.length - 1];
      if (!last) break;
      afterSeq = last.chainSeq ?? 0;
    }
    checked += verifier.checked;
    heads.push({ chain, ...verifier.head });
    const pinnedSeq = pinned.get(chain);
    if (pinnedSeq !== undefined) {
      if (verifier.head.chainSeq < pinnedSeq)
        firstBreak ??= { chain, seq: verifier.head.chainSeq + 1, reason: 'truncated' };
      else afterCheckpoint += verifier.head.chainSeq - pinnedSeq;
    } else {
      afterCheckpoint += verifier.head.chainSeq;
    }
  }
  if (checkpoint && !firstBreak && headsDigest(atCheckpoint) !== checkpoint.digest) {
    firstBreak = {
      chain: atCheckpoint[0]?.chain ?? null,
      seq: atCheckpoint[0]?.chainSeq ?? 0,
      reason: 'checkpoint_mismatch',
    };
  }

  const legacy = await walkLegacy(db, pageSize);
  checked += legacy.rows;
  const anchor = anchors[0];
  let brokenBeforeKeying = false;
  if (legacy.rows > 0 && !firstBreak) {
    if (!anchor || anchors.length > 1) {
      firstBreak = { chain: null, seq: 1, reason: 'legacy_unanchored' };
    } else if (anchor.rows !== legacy.rows || anchor.digest !== legacy.digest) {
      firstBreak = { chain: null, seq: legacy.firstBreak?.seq ?? 1, reason: 'legacy_changed' };
    } else if (legacy.firstBreak) {
      // Pinned as found: the old chain was already broken when it was keyed. Still a break, but an old one.
      brokenBeforeKeying = true;
      firstBreak = legacy.firstBreak;
    }
  }
  return {
    checked,
    firstBreak,
    heads,
    legacy: { rows: legacy.rows, anchored: Boolean(anchor), brokenBeforeKeying },
    afterCheckpoint: checkpoint ? afterCheckpoint : null,
  };
}

function anchorState(details: Record<string, string | number | boolean | null> | null): LegacyState {
  return {
    rows: Number(details?.legacyRows ?? -1),
    digest: String(details?.legacyDigest ?? ''),
    intact: details?.legacyIntact === true,
    brokenAt: typeof details?.legacyBrokenAt === 'number' ? details.legacyBrokenAt : null,
  };
}
