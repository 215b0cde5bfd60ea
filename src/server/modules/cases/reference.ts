import { randomInt } from 'node:crypto';
import { CASE_REFERENCE_ALPHABET } from '../../../shared/cases.ts';

/**
 * A short reference to say over the phone: 8 characters from 31 without look-alikes (≈ 40 bits), drawn
 * with a CSPRNG, shown as `K7QM-3XWD`. It is not sequential and encodes nothing (no type, date or
 * count). Uniqueness is enforced by the database; a collision is simply drawn again.
 */
export function newCaseReference(): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === 4) out += '-';
    out += CASE_REFERENCE_ALPHABET[randomInt(CASE_REFERENCE_ALPHABET.length)];
  }
  return out;
}
