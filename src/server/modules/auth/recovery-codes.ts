import { randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import { RECOVERY_CODE_COUNT } from '../../../shared/auth.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { recoveryCodes } from './db.ts';

/**
 * Recovery codes: 12 characters from Crockford's base-32 alphabet (no i, l, o, u), printed as
 * `xxxx-xxxx-xxxx`: 60 bits from the CSPRNG each. Stored only as a keyed hash (HMAC-SHA-256 under the
 * keyring's index secret, bound to the person), so a database dump alone gives nothing to try offline.
 * Typed back, case, spaces and dashes do not matter, and i/l read as 1 and o as 0.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const GROUPS = 3;
const GROUP_LENGTH = 4;

export function newRecoveryCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

export function normaliseRecoveryCode(input: string): string | null {
  const cleaned = input
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/[il]/g, '1')
    .replace(/o/g, '0');
  if (cleaned.length !== GROUPS * GROUP_LENGTH) return null;
  for (const char of cleaned) if (!ALPHABET.includes(char)) return null;
  return cleaned;
}

function hashCode(keyring: Keyring, personId: string, normalised: string): string {
  return keyring.keyedHash('recovery-code', `${personId}:${normalised}`);
}

/** Replaces every earlier code of the person with ten new ones; answers the codes, to show once. */
export async function issueRecoveryCodes(tx: Tx, keyring: Keyring, personId: string): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.insert(recoveryCodes).values(
    codes.map((code) => ({
      personId,
      codeHash: hashCode(keyring, personId, normaliseRecoveryCode(code) ?? code),
    })),
  );
  return codes;
}

/** Uses up one code, once: of two requests with the same code only one succeeds. */
export async function spendRecoveryCode(tx: Tx, keyring: Keyring, personId: string, input: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(input);
  if (!normalised) return false;
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.personId, personId),
        eq(recoveryCodes.codeHash, hashCode(keyring, personId, normalised)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

export async function remainingRecoveryCodes(db: DbOrTx, personId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}
