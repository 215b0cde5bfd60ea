import { randomFillSync } from 'node:crypto';
import { KEY_BYTES, parseKeyMaterial, toBase64url } from './encoding.ts';
import { KeyringError } from './errors.ts';
import { generateKid, INDEX_LABEL, isValidKid } from './kid.ts';
import type { KeyEntry, KeyMaterial } from './material.ts';

/**
 * MASTER_KEY holds the key-encryption keys when they are managed outside the data directory (a secret
 * store, a container secret). Grammar, entries separated by commas and/or whitespace:
 *
 *     MASTER_KEY = <key>                          one key; its kid is "k0"
 *                | <entry> ("," <entry>)*
 *     entry      = ["*"] <kid> ":" <key>          a key-encryption key
 *                | "index:" <key>                 the keyed-hash secret (optional, see below)
 *     key        = 64 hex characters | base64 or base64url of 32 bytes
 *
 * New envelopes use the entry marked with `*`, or the last key entry when none is marked. The marker
 * exists for deployments with several instances: list the new key unmarked everywhere first (every
 * instance can then decrypt with it), and move the `*` (or drop it) once all instances have it.
 *
 * Keyed hashes use the `index:` secret, or, without one, the first key listed. Since that first key is
 * the one a rotation eventually retires, keep its value as `index:<same value>` when you remove its kid;
 * otherwise every keyed hash (IP hashes, blind indexes) changes.
 *
 * Example rotation: `k0:AAA…` → `k0:AAA…,k1:BBB…` → (after keys:rotate) `index:AAA…,k1:BBB…`.
 */

/** The kid of a MASTER_KEY that is a single bare key. */
export const BARE_KEY_KID = 'k0';

function invalid(problem: string): KeyringError {
  return new KeyringError('invalid_master_key', `MASTER_KEY is invalid: ${problem}`);
}

export function parseMasterKey(value: string): KeyMaterial {
  const entries = value.split(/[\s,]+/).filter((entry) => entry !== '');
  if (entries.length === 0) throw invalid('it is empty');

  const keys: KeyEntry[] = [];
  let indexSecret: Buffer | undefined;
  let marked: string | undefined;
  const release = () => {
    for (const entry of keys) entry.key.fill(0);
    indexSecret?.fill(0);
  };

  try {
    for (const [position, entry] of entries.entries()) {
      const separator = entry.indexOf(':');
      const bare = separator === -1;
      if (bare && entries.length > 1) {
        throw invalid(`entry ${position + 1} has no "<kid>:"; with more than one entry every key needs a kid`);
      }
      const label = bare ? BARE_KEY_KID : entry.slice(0, separator);
      const isCurrent = label.startsWith('*');
      const kid = isCurrent ? label.slice(1) : label;
      const where = bare ? 'the key' : `entry ${position + 1} ("${kid}")`;
      const material = parseKeyMaterial(bare ? entry : entry.slice(separator + 1));
      if (!material.ok) throw invalid(`${where} ${material.problem}`);

      if (kid === INDEX_LABEL) {
        if (isCurrent) throw invalid('the index secret cannot be marked current');
        if (indexSecret) throw invalid('"index" is listed twice');
        indexSecret = material.key;
        continue;
      }
      if (!isValidKid(kid)) {
        material.key.fill(0);
        throw invalid(`${where}: a kid is 1 to 32 of A-Z a-z 0-9 _ -`);
      }
      if (keys.some((known) => known.kid === kid)) {
        material.key.fill(0);
        throw invalid(`kid "${kid}" is listed twice`);
      }
      if (isCurrent) {
        if (marked) throw invalid(`both "${marked}" and "${kid}" are marked current with "*"`);
        marked = kid;
      }
      keys.push({ kid, key: material.key });
    }

    const first = keys[0];
    const last = keys[keys.length - 1];
    if (!first || !last) throw invalid('it lists an index secret but no key');
    return {
      keys,
      currentKid: marked ?? last.kid,
      indexSecret: indexSecret ?? Buffer.from(first.key),
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * A new MASTER_KEY entry, `<kid>:<base64url key>`, for an operator to add (a later `keys:generate`
 * CLI prints this). Pass the kids already in use to avoid a clash.
 */
export function generateMasterKeyEntry(taken: Iterable<string> = []): string {
  const key = randomFillSync(Buffer.alloc(KEY_BYTES));
  try {
    return `${generateKid(taken)}:${toBase64url(key)}`;
  } finally {
    key.fill(0);
  }
}
