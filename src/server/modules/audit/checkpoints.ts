import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type DbOrTx, rowsOf } from '../../db/index.ts';
import { type Keyring, rawPublicKey, signText, verifySignature } from '../../lib/crypto/index.ts';

/**
 * Signed checkpoints: the head of every audit chain, written outside the database, so that whoever can
 * change the database cannot also cut off the trail's tail or swap it for another one unnoticed.
 *
 * One JSON line per checkpoint, appended (O_APPEND, fsync) to a file kept apart from the database (by
 * default next to the keys, outside DATA_DIR) and, optionally, POSTed to an external sink:
 *
 *   {"format":"weerbaar-audit-checkpoint","v":1,"n":7,"at":"…","heads":[[0,41],[3,9]],
 *    "digest":"<sha-256 of the heads with their hashes>","prev":"<sha-256 of the previous line>",
 *    "key":"<Ed25519 public key>","sig":"<Ed25519 signature of the line without sig>"}
 *
 * `heads` lists each chain's last position; `digest` binds the MAC of the row at each position. The
 * lines form a chain of their own (`n` counts up, `prev` hashes the line before), so a line removed from
 * or replayed into the file is noticed too. The signing key is derived from the keyring; the public key
 * (`key`) lets a third party check the signatures without being able to make them.
 */

export const CHECKPOINT_FORMAT = 'weerbaar-audit-checkpoint';
const SIGNING_PURPOSE = 'audit-checkpoint';
const FIRST_PREV = '0'.repeat(64);

export interface ChainHead {
  chain: number;
  chainSeq: number;
  hash: string;
}

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  v: 1;
  n: number;
  at: string;
  heads: [number, number][];
  digest: string;
  prev: string;
  key: string;
  sig: string;
}

export function checkpointPublicKey(keyring: Keyring): string {
  return rawPublicKey(keyring.signer(SIGNING_PURPOSE));
}

export function headsDigest(heads: readonly ChainHead[]): string {
  const sorted = [...heads].sort((a, b) => a.chain - b.chain).map((head) => [head.chain, head.chainSeq, head.hash]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

export function lineHash(line: string): string {
  return createHash('sha256').update(line).digest('hex');
}

/** The head of every keyed chain, from one snapshot (each chain commits in position order, see service.ts). */
export async function currentHeads(db: DbOrTx): Promise<ChainHead[]> {
  const result = await db.execute(sql`
    SELECT DISTINCT ON (chain) chain, chain_seq, hash FROM audit_log
    WHERE chain IS NOT NULL ORDER BY chain, chain_seq DESC`);
  return rowsOf<{ chain: number; chain_seq: string | number; hash: string }>(result).map((row) => ({
    chain: Number(row.chain),
    chainSeq: Number(row.chain_seq),
    hash: row.hash,
  }));
}

/**
 * A last line that is not a checkpoint (a write cut off by a crash, or an edit) does not stop the log: the
 * next line links to it as it is, and audit:verify reports it.
 */
function parsedOrNull(line: string): Checkpoint | null {
  try {
    return JSON.parse(line) as Checkpoint;
  } catch {
    return null;
  }
}

function unsignedText(checkpoint: Omit<Checkpoint, 'sig'>): string {
  const { format, v, n, at, heads, digest, prev, key } = checkpoint;
  return JSON.stringify({ format, v, n, at, heads, digest, prev, key });
}

/** The next checkpoint line after `previousLine` (null for the first one). */
export function signCheckpoint(
  keyring: Keyring,
  heads: readonly ChainHead[],
  previousLine: string | null,
  at: Date,
): { checkpoint: Checkpoint; line: string } {
  const previous = previousLine ? parsedOrNull(previousLine) : null;
  const signer = keyring.signer(SIGNING_PURPOSE);
  const unsigned = {
    format: CHECKPOINT_FORMAT as typeof CHECKPOINT_FORMAT,
    v: 1 as const,
    n: (previous?.n ?? 0) + 1,
    at: at.toISOString(),
    heads: [...heads].sort((a, b) => a.chain - b.chain).map((head): [number, number] => [head.chain, head.chainSeq]),
    digest: headsDigest(heads),
    prev: previousLine ? lineHash(previousLine) : FIRST_PREV,
    key: rawPublicKey(signer),
  };
  const checkpoint: Checkpoint = { ...unsigned, sig: signText(signer, unsignedText(unsigned)) };
  return { checkpoint, line: JSON.stringify(checkpoint) };
}

export interface CheckpointLog {
  checkpoints: Checkpoint[];
  /** The first thing wrong with the log (line number and what), or null when every line holds. */
  problem: string | null;
}

/**
 * Reads a checkpoint log and checks every line: well-formed, signed by `publicKey`, numbered one after
 * the other and linked to the line before. Stops at the first problem.
 */
export function parseCheckpointLog(text: string, publicKey: string): CheckpointLog {
  const checkpoints: Checkpoint[] = [];
  let previousLine: string | null = null;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  for (const [index, line] of lines.entries()) {
    const at = `line ${index + 1}`;
    let parsed: Checkpoint;
    try {
      parsed = JSON.parse(line) as Checkpoint;
    } catch {
      return { checkpoints, problem: `${at} is not JSON` };
    }
    if (parsed?.format !== CHECKPOINT_FORMAT || parsed.v !== 1)
      return { checkpoints, problem: `${at} is no checkpoint` };
    if (parsed.key !== publicKey) return { checkpoints, problem: `${at} is signed with another key` };
    if (!verifySignature(publicKey, unsignedText(parsed), parsed.sig)) {
      return { checkpoints, problem: `${at} has an invalid signature (altered)` };
    }
    const expectedN = (checkpoints[checkpoints.length - 1]?.n ?? 0) + 1;
    if (parsed.n !== expectedN) {
      return {
        checkpoints,
        problem: `${at} is checkpoint ${parsed.n} where ${expectedN} was expected (removed or replayed)`,
      };
    }
    if (parsed.prev !== (previousLine ? lineHash(previousLine) : FIRST_PREV)) {
      return { checkpoints, problem: `${at} does not link to the line before (removed or replayed)` };
    }
    checkpoints.push(parsed);
    previousLine = line;
  }
  return { checkpoints, problem: null };
}

/** Reads a whole checkpoint file; null when it does not exist. */
export function readCheckpointFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The last line of a file, reading only its tail (the log grows for years). */
export function lastLineOf(file: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    return lines[lines.length - 1] ?? null;
  } finally {
    closeSync(fd);
  }
}

/** Appends one line and forces it to disk; the file is only ever appended to. */
export function appendLine(file: string, line: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'a', 0o640);
  try {
    writeSync(fd, `${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Sends one checkpoint line to an external sink (a log collector, a timestamping service). */
export async function postCheckpoint(url: string, line: string, timeoutMs = 5000): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: line,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`The checkpoint sink answered ${response.status}`);
}
