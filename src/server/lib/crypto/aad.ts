import { utf8Encode } from './encoding.ts';

/**
 * Associated data names the place a value belongs to. It is not stored in the envelope; the caller
 * supplies the same context when decrypting, so a ciphertext copied to another row or column fails to
 * decrypt instead of showing one person's data in another person's record.
 */
export type Aad = string | Uint8Array;

/**
 * Associated data for a place, built from its parts without ambiguity: `contextAad('person', 'address', id)`.
 * A JSON array, so no choice of parts can collide with another (`["a.b","c"]` ≠ `["a","b.c"]`).
 * Numbers are written as strings, so `5` and `'5'` give the same context; use one convention per column.
 */
export function contextAad(...parts: Array<string | number | bigint>): string {
  if (parts.length === 0) throw new TypeError('contextAad needs at least one part');
  return JSON.stringify(parts.map(String));
}

/**
 * The bytes of the associated data. Empty associated data is refused: every stored value has a context,
 * and a forgotten argument must not silently produce an envelope that fits any row.
 */
export function aadBytes(aad: Aad): Buffer {
  const bytes = typeof aad === 'string' ? utf8Encode(aad) : Buffer.from(aad.buffer, aad.byteOffset, aad.byteLength);
  if (bytes.length === 0) throw new TypeError('Associated data must not be empty; pass the context, e.g. contextAad()');
  return bytes;
}
