import { createHash } from 'node:crypto';
import type { Keyring } from '../../lib/crypto/index.ts';

/**
 * How audit rows are linked. Two generations live side by side (see README.md):
 * - keyed chains (now): rows spread over CHAIN_COUNT chains; each row's `hash` is an HMAC, keyed from the
 *   keyring (never stored in the database), over its content, its place (chain, position, global seq)
 *   and the previous row's hash in its chain. Without the key nobody can re-compute a valid chain.
 * - the legacy chain: rows written before the upgrade, one SHA-256 chain in `seq` order. Anyone can
 *   re-compute it, so it is pinned by a keyed `audit.chain_keyed` entry holding its head.
 */

/** How many chains audited writes are spread over; a transaction always writes to one of them. */
export const CHAIN_COUNT = 16;

/** The keyed-hash purpose (HKDF label) of the chain MAC. */
const CHAIN_PURPOSE = 'audit-chain';

/** The hash the first row of the legacy chain links to. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditDetails = Record<string, string | number | boolean | null>;

/** Exactly the fields the chains protect; every one of them is stored in the row. */
export interface ChainedFields {
  seq: number;
  at: Date;
  actorPersonId: string | null;
  actorRoles: string;
  action: string;
  subjectPersonId: string | null;
  recordType: string | null;
  recordId: string | null;
  outcome: string;
  ipHash: string | null;
  requestId: string | null;
  details: AuditDetails | null;
  prevHash: string;
}

export interface KeyedFields extends ChainedFields {
  chain: number;
  chainSeq: number;
}

/** A row as read back from the table. */
export type StoredRow = ChainedFields & { chain: number | null; chainSeq: number | null; hash: string };

/** Sorted keys, so the same details always hash the same whatever order they were written in. */
function canonicalDetails(details: AuditDetails | null): [string, unknown][] | null {
  if (!details) return null;
  return Object.keys(details)
    .sort()
    .map((key) => [key, details[key]]);
}

function content(row: ChainedFields): unknown[] {
  return [
    row.seq,
    row.at.toISOString(),
    row.actorPersonId,
    row.actorRoles,
    row.action,
    row.subjectPersonId,
    row.recordType,
    row.recordId,
    row.outcome,
    row.ipHash,
    row.requestId,
    canonicalDetails(row.details),
  ];
}

/** The legacy (pre-key) hash: SHA-256 over the content and the previous hash. Verification only. */
export function hashRow(row: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify([...content(row), row.prevHash]))
    .digest('hex');
}

/** The keyed hash of a row: HMAC over a version tag, its place in its chain, its content and the link. */
export function macRow(keyring: Keyring, row: KeyedFields): string {
  return keyring.keyedHash(
    CHAIN_PURPOSE,
    JSON.stringify(['v2', row.chain, row.chainSeq, ...content(row), row.prevHash]),
  );
}

/** What the first row of a keyed chain links to: keyed too, so a chain cannot be restarted from scratch. */
export function chainGenesis(keyring: Keyring, chain: number): string {
  return keyring.keyedHash(CHAIN_PURPOSE, JSON.stringify(['v2-genesis', chain]));
}

export type BreakReason =
  /** A position in a chain (or a seq in the legacy chain) is empty: a deleted row. */
  | 'missing_row'
  /** A row does not link to its predecessor's hash: a row replaced, moved or inserted. */
  | 'link_broken'
  /** A row's content does not match its hash: an edit (re-hashing without the key does not help). */
  | 'content_changed'
  /** A chain ends before the position a signed checkpoint saw: the tail was cut off. */
  | 'truncated'
  /** A chain's row at a checkpointed position is not the row the checkpoint saw: the chain was rebuilt. */
  | 'checkpoint_mismatch'
  /** Rows without a keyed chain that no keyed `audit.chain_keyed` entry pins. */
  | 'legacy_unanchored'
  /** The pre-upgrade rows differ from what the keyed anchor recorded. */
  | 'legacy_changed';

export type ChainBreak = { chain: number | null; seq: number; reason: BreakReason };

/**
 * Checks one keyed chain in order, one row at a time (a long chain never sits in memory), and reports the
 * first place where it does not hold.
 */
export class KeyedChainVerifier {
  private readonly keyring: Keyring;
  readonly chain: number;
  private expected = 1;
  private previous: string;
  checked = 0;

  constructor(keyring: Keyring, chain: number) {
    this.keyring = keyring;
    this.chain = chain;
    this.previous = chainGenesis(keyring, chain);
  }

  /** Position and hash of the last row checked (0 and the genesis before any row). */
  get head(): { chainSeq: number; hash: string } {
    return { chainSeq: this.expected - 1, hash: this.previous };
  }

  feed(row: KeyedFields & { hash: string }): ChainBreak | null {
    if (row.chainSeq !== this.expected) return { chain: this.chain, seq: this.expected, reason: 'missing_row' };
    if (row.prevHash !== this.previous) return { chain: this.chain, seq: row.chainSeq, reason: 'link_broken' };
    if (macRow(this.keyring, row) !== row.hash) {
      return { chain: this.chain, seq: row.chainSeq, reason: 'content_changed' };
    }
    this.previous = row.hash;
    this.expected++;
    this.checked++;
    return null;
  }
}

/**
 * Checks the legacy SHA-256 chain in `seq` order, and keeps a digest of every row as found (content and
 * stored hash), which the keyed anchor pins: re-hashing an edited legacy row changes the digest.
 */
export class LegacyChainVerifier {
  private expectedSeq = 1;
  private previous = GENESIS_HASH;
  private readonly digest = createHash('sha256');
  checked = 0;
  firstBreak: ChainBreak | null = null;

  get headHash(): string {
    return this.previous;
  }

  feed(row: ChainedFields & { hash: string }): void {
    this.digest.update(JSON.stringify([...content(row), row.prevHash, row.hash]));
    this.checked++;
    if (this.firstBreak) return;
    if (row.seq !== this.expectedSeq) this.firstBreak = { chain: null, seq: this.expectedSeq, reason: 'missing_row' };
    else if (row.prevHash !== this.previous) this.firstBreak = { chain: null, seq: row.seq, reason: 'link_broken' };
    else if (hashRow(row) !== row.hash) this.firstBreak = { chain: null, seq: row.seq, reason: 'content_changed' };
    else {
      this.previous = row.hash;
      this.expectedSeq++;
    }
  }

  /** Hex SHA-256 over every row fed so far. */
  finish(): string {
    return this.digest.digest('hex');
  }
}
