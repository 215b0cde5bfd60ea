import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (tokens, hashes, codes) in time that does not depend on where they differ.
 * timingSafeEqual needs equal lengths and would leak the length by throwing; hashing both sides first
 * gives equal-length inputs, and the final length check cannot leak more than the hash comparison did.
 * Strings are compared as UTF-16 code units, which (unlike UTF-8) keeps lone surrogates distinct.
 */
export function constantTimeEqual(a: string, b: string): boolean;
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean;
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const left = toBytes(a);
  const right = toBytes(b);
  const equalDigests = timingSafeEqual(digest(left), digest(right));
  return equalDigests && left.length === right.length;
}

function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'utf16le') : value;
}

function digest(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}
