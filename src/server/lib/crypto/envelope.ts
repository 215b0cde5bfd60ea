import { NONCE_BYTES, TAG_BYTES } from './aes-gcm.ts';
import { fromBase64url, KEY_BYTES, toBase64url } from './encoding.ts';
import { DecryptionError } from './errors.ts';
import { isValidKid } from './kid.ts';

/**
 * The envelope: everything needed to decrypt one value, given the keyring and the associated data.
 * It has two spellings of the same content; both start with a version so the format can evolve.
 *
 * Text (for a `text` column), five fields joined by `.`, binary fields in unpadded base64url:
 *
 *     wb1.<kid>.<wrapped DEK>.<nonce>.<ciphertext ‖ tag>
 *
 * Binary (for a `bytea` column or a file; a third smaller for large values):
 *
 *     offset 0   2 bytes  magic "WB" (0x57 0x42)
 *            2   1 byte   version (0x01)
 *            3   1 byte   kid length n (1..32)
 *            4   n bytes  kid (ASCII)
 *          4+n  60 bytes  wrapped DEK: nonce (12) ‖ encrypted DEK (32) ‖ tag (16)
 *         64+n  12 bytes  payload nonce
 *         76+n  ≥16 bytes payload ciphertext ‖ tag (16)
 *
 * In both, the wrapped DEK is AES-256-GCM(KEK[kid], DEK) with associated data
 * `weerbaar/envelope/v1/dek\0<kid>`, and the payload is AES-256-GCM(DEK, plaintext) with associated data
 * `weerbaar/envelope/v1/payload\0<caller's AAD>`. The prefixes separate the two uses (a wrapped key can
 * never pass for a payload) and pin the version. The payload does not depend on the kid or the wrapped
 * key, which is what lets a rotation rewrap the DEK without touching the payload; it is still bound to
 * its DEK, because a GCM tag only verifies under the key that made it.
 */
export const ENVELOPE_VERSION = 1;
export const WRAPPED_DEK_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES;

const TEXT_PREFIX = 'wb1';
const MAGIC_0 = 0x57;
const MAGIC_1 = 0x42;
const BINARY_HEADER_BYTES = 4;

export type EnvelopeFormat = 'text' | 'binary';

export interface Envelope {
  format: EnvelopeFormat;
  kid: string;
  /** Nonce ‖ encrypted DEK ‖ tag, 60 bytes. */
  wrappedDek: Buffer;
  /** The payload nonce, 12 bytes. */
  nonce: Buffer;
  /** Payload ciphertext ‖ tag, at least 16 bytes. */
  ciphertext: Buffer;
}

/** What a serialised envelope encrypts to: a string for the text form, a Buffer for the binary form. */
export type SerializedEnvelope = string | Uint8Array;

const DEK_AAD_PREFIX = Buffer.from('weerbaar/envelope/v1/dek\0', 'utf8');
const PAYLOAD_AAD_PREFIX = Buffer.from('weerbaar/envelope/v1/payload\0', 'utf8');

export function dekAad(kid: string): Buffer {
  return Buffer.concat([DEK_AAD_PREFIX, Buffer.from(kid, 'ascii')]);
}

export function payloadAad(aad: Uint8Array): Buffer {
  return Buffer.concat([PAYLOAD_AAD_PREFIX, aad]);
}

function malformed(detail: string): DecryptionError {
  return new DecryptionError('malformed', `Not a valid Weerbaar envelope: ${detail}`);
}

function checkParts(envelope: Omit<Envelope, 'format'>): void {
  if (!isValidKid(envelope.kid)) throw malformed('invalid key id');
  if (envelope.wrappedDek.length !== WRAPPED_DEK_BYTES) throw malformed('wrapped key has the wrong length');
  if (envelope.nonce.length !== NONCE_BYTES) throw malformed('nonce has the wrong length');
  if (envelope.ciphertext.length < TAG_BYTES) throw malformed('ciphertext is too short');
}

export function parseEnvelope(serialized: SerializedEnvelope): Envelope {
  return typeof serialized === 'string' ? parseText(serialized) : parseBinary(serialized);
}

export function serializeEnvelope(envelope: Envelope & { format: 'text' }): string;
export function serializeEnvelope(envelope: Envelope & { format: 'binary' }): Buffer;
export function serializeEnvelope(envelope: Envelope): string | Buffer;
export function serializeEnvelope(envelope: Envelope): string | Buffer {
  checkParts(envelope);
  return envelope.format === 'text' ? serializeText(envelope) : serializeBinary(envelope);
}

function parseText(text: string): Envelope {
  const fields = text.split('.');
  if (fields.length !== 5) throw malformed('expected 5 fields separated by "."');
  const [prefix, kid, wrapped, nonce, ciphertext] = fields as [string, string, string, string, string];
  if (prefix !== TEXT_PREFIX) throw malformed('unknown version');
  const decoded = [fromBase64url(wrapped), fromBase64url(nonce), fromBase64url(ciphertext)];
  const [wrappedDek, nonceBytes, ciphertextBytes] = decoded;
  if (!wrappedDek || !nonceBytes || !ciphertextBytes) throw malformed('a field is not canonical base64url');
  const envelope: Envelope = { format: 'text', kid, wrappedDek, nonce: nonceBytes, ciphertext: ciphertextBytes };
  checkParts(envelope);
  return envelope;
}

function serializeText(envelope: Envelope): string {
  const { kid, wrappedDek, nonce, ciphertext } = envelope;
  return [TEXT_PREFIX, kid, toBase64url(wrappedDek), toBase64url(nonce), toBase64url(ciphertext)].join('.');
}

function parseBinary(bytes: Uint8Array): Envelope {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < BINARY_HEADER_BYTES || buffer[0] !== MAGIC_0 || buffer[1] !== MAGIC_1) {
    throw malformed('missing the "WB" header');
  }
  if (buffer[2] !== ENVELOPE_VERSION) throw malformed('unknown version');
  const kidLength = buffer[3] ?? 0;
  const wrappedAt = BINARY_HEADER_BYTES + kidLength;
  const nonceAt = wrappedAt + WRAPPED_DEK_BYTES;
  const ciphertextAt = nonceAt + NONCE_BYTES;
  if (buffer.length < ciphertextAt + TAG_BYTES) throw malformed('too short');
  // Copies, so the envelope stays valid if the caller reuses the buffer it passed in.
  const envelope: Envelope = {
    format: 'binary',
    kid: buffer.toString('latin1', BINARY_HEADER_BYTES, wrappedAt),
    wrappedDek: Buffer.from(buffer.subarray(wrappedAt, nonceAt)),
    nonce: Buffer.from(buffer.subarray(nonceAt, ciphertextAt)),
    ciphertext: Buffer.from(buffer.subarray(ciphertextAt)),
  };
  checkParts(envelope);
  return envelope;
}

function serializeBinary(envelope: Envelope): Buffer {
  const kid = Buffer.from(envelope.kid, 'ascii');
  const header = Buffer.from([MAGIC_0, MAGIC_1, ENVELOPE_VERSION, kid.length]);
  return Buffer.concat([header, kid, envelope.wrappedDek, envelope.nonce, envelope.ciphertext]);
}

/** The public facts of an envelope, without any key: for reports such as "which kids are still in use". */
export function describeEnvelope(serialized: SerializedEnvelope): {
  format: EnvelopeFormat;
  version: typeof ENVELOPE_VERSION;
  kid: string;
} {
  const { format, kid } = parseEnvelope(serialized);
  return { format, version: ENVELOPE_VERSION, kid };
}
