import { createPublicKey, verify } from 'node:crypto';
import { fromBase64url, toBase64url, utf8Encode } from './encoding.ts';
import type { Signer } from './keyring.ts';

/**
 * Ed25519 signatures in a compact text form, for statements that leave the database and must be checkable
 * by someone who holds no secret: the audit trail's checkpoints (src/server/modules/audit). The key is the
 * keyring's signer for a purpose (keyring.signer(), derived from the index secret: it lives wherever the
 * keys live, never in the database, and survives key-encryption-key rotation). Keys and signatures are
 * base64url of their raw bytes (32 and 64), so one JSON line carries both.
 */

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The signer's raw 32-byte public key, base64url: publish it to whoever checks the signatures. */
export function rawPublicKey(signer: Signer): string {
  const spki = createPublicKey(signer.publicKeyPem).export({ format: 'der', type: 'spki' });
  return toBase64url(spki.subarray(SPKI_PREFIX.length));
}

/** A detached Ed25519 signature over the UTF-8 of the text, base64url. */
export function signText(signer: Signer, text: string): string {
  return toBase64url(signer.sign(utf8Encode(text)));
}

/** Checks a signature made by signText() against rawPublicKey(); false for anything malformed. */
export function verifySignature(publicKey: string, data: string | Uint8Array, signature: string): boolean {
  const raw = fromBase64url(publicKey);
  const sig = fromBase64url(signature);
  if (raw?.length !== 32 || sig?.length !== 64) return false;
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    return verify(null, typeof data === 'string' ? utf8Encode(data) : data, key, sig);
  } catch {
    return false;
  }
}
