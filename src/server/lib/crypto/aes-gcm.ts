import { createCipheriv, createDecipheriv, type KeyObject, randomFillSync } from 'node:crypto';

/**
 * AES-256-GCM, the only cipher in this module, for both the payload (under a data key) and the data
 * key itself (under a key-encryption key). Every call draws a fresh random 96-bit nonce: a data key is
 * used for exactly one encryption, and a key-encryption key sees one wrap per record write or rewrap, far
 * below the 2^32 random-nonce limit NIST SP 800-38D sets per key.
 */

export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export interface Sealed {
  nonce: Buffer;
  /** Ciphertext followed by the 16-byte authentication tag. */
  sealed: Buffer;
}

export function seal(key: KeyObject | Buffer, plaintext: Uint8Array, aad: Uint8Array): Sealed {
  const nonce = randomFillSync(Buffer.alloc(NONCE_BYTES));
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, sealed };
}

/**
 * The plaintext, or null when authentication fails. Bytes GCM releases before the tag is checked are
 * unauthenticated; they are zeroed and never returned.
 */
export function open(key: KeyObject | Buffer, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer | null {
  if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES) return null;
  const ciphertext = sealed.subarray(0, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  // authTagLength pins the tag size; without it Node would also accept a truncated tag.
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const head = decipher.update(ciphertext);
  try {
    const tail = decipher.final();
    if (tail.length === 0) return head;
    const plaintext = Buffer.concat([head, tail]);
    head.fill(0);
    return plaintext;
  } catch {
    head.fill(0);
    return null;
  }
}
