import { randomBytes } from 'node:crypto';

/**
 * Key ids name a key-encryption key inside envelopes and key files. They are public labels: generated
 * ids are `k` + the UTC date + 4 random hex digits (`k20261129a1b2`), so an operator can see at a glance
 * which key is older, and nothing about the key itself can be learnt from its id.
 *
 * Operators may choose their own ids in MASTER_KEY; the alphabet excludes `.` and `:` (separators in the
 * envelope and in MASTER_KEY) and stays within one byte per character for the binary envelope.
 */
const KID = /^[A-Za-z0-9_-]{1,32}$/;

/** Reserved in MASTER_KEY for the keyed-hash secret; never the id of an encryption key. */
export const INDEX_LABEL = 'index';

export function isValidKid(kid: string): boolean {
  return KID.test(kid) && kid !== INDEX_LABEL;
}

/** A fresh id that is not in `taken`. */
export function generateKid(taken: Iterable<string> = [], now: Date = new Date()): string {
  const used = new Set(taken);
  const date = now.toISOString().slice(0, 10).replaceAll('-', '');
  for (;;) {
    const kid = `k${date}${randomBytes(2).toString('hex')}`;
    if (!used.has(kid)) return kid;
  }
}
