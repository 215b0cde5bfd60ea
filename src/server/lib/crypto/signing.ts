import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign, verify } from 'node:crypto';
import { fromBase64url, KEY_BYTES, toBase64url, utf8Encode } from './encoding.ts';

/**
 * Ed25519 signatures for statements that leave the database and must be checkable by someone who holds
 * no secret: the audit trail's checkpoints (src/server/modules/audit). The private key is derived from
 * the keyring's index secret (HKDF, one key per purpose), so it lives wherever the keys live, never in
 * the database, and survives key-encryption-key rotation. The public key may be handed to anyone.
 */

const SIGNING_SALT = Buffer.from('weerbaar/signing/v1', 'utf8');
/** DER prefixes of an Ed25519 PKCS#8 private key (RFC 8410) and SPKI public key, before the 32 raw bytes. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface Signer {
  /** The raw 32-byte public key, base64url: publish it to whoever checks the signatures. */
  readonly publicKey: string;
  /** A detached Ed25519 signature over the bytes (or UTF-8 of the text), base64url. */
  sign(data: string | Uint8Array): string;
}

export function deriveSigner(secret: KeyObject, purpose: string): Signer {
  const seed = Buffer.from(hkdfSync('sha256', secret, SIGNING_SALT, purpose, KEY_BYTES));
  const der = Buffer.concat([PKCS8_PREFIX, seed]);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    seed.fill(0);
    der.fill(0);
  }
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKey = toBase64url(spki.subarray(SPKI_PREFIX.length));
  return {
    publicKey,
    sign: (data) => toBase64url(sign(null, typeof data === 'string' ? utf8Encode(data) : data, privateKey)),
  };
}

/** Checks a signature made by a Signer against its published public key; false for anything malformed. */
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
