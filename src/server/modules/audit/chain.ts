import { createHash } from 'node:crypto';

/** The hash the first row links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** Exactly the fields the chain protects; every one of them is stored in the row. */
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
  details: Record<string, string | number | boolean | null> | null;
  prevHash: string;
}

/** Sorted keys, so the same details always hash the same whatever order they were written in. */
function canonicalDetails(details: ChainedFields['details']): [string, unknown][] | null {
  if (!details) return null;
  return Object.keys(details)
    .sort()
    .map((key) => [key, details[key]]);
}

export function hashRow(row: ChainedFields): string {
  const canonical = JSON.stringify([
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
    row.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak = { seq: number; reason: 'missing_row' | 'content_changed' | 'link_broken' };

/**
 * Checks rows in order, one at a time (so a long chain never has to sit in memory), and reports the first
 * place where the chain does not hold: a gap in the sequence (a deleted row), a row that does not link to
 * its predecessor's hash (a row replaced or inserted), or a row whose content no longer matches its hash
 * (an edit).
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  checked = 0;

  get headHash(): string {
    return this.previousHash;
  }

  /** Returns the break this row reveals, or null when the chain still holds. */
  feed(row: ChainedFields & { hash: string }): ChainBreak | null {
    if (row.seq !== this.expectedSeq) return { seq: this.expectedSeq, reason: 'missing_row' };
    if (row.prevHash !== this.previousHash) return { seq: row.seq, reason: 'link_broken' };
    if (hashRow(row) !== row.hash) return { seq: row.seq, reason: 'content_changed' };
    this.previousHash = row.hash;
    this.expectedSeq++;
    this.checked++;
    return null;
  }
}
