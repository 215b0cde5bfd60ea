/**
 * Encryption at rest for Weerbaar: the one place where keys and ciphers live.
 *
 * Threat model. The database holds home addresses, threats and evidence of people who are being
 * threatened. We assume a database dump, a backup or a stolen disk image can leak. Sensitive columns
 * are stored encrypted, and the keys are kept apart from the database (MASTER_KEY in the environment,
 * or a 0600 key file), so a dump alone is useless. This does not protect against an attacker who runs
 * code in the application process or reads both the database and the keys: that is what access control,
 * hosting and backups-with-separate-key-storage are for.
 *
 * Envelope encryption (see envelope.ts for the byte layout). Every value gets its own random 256-bit
 * data key (DEK); the value is encrypted with AES-256-GCM under the DEK, and the DEK is encrypted
 * ("wrapped"), again with AES-256-GCM, under a key-encryption key (KEK) named by a key id (kid). Each
 * encryption draws a fresh random 96-bit nonce and a DEK is used once, so no nonce is ever reused with a
 * key. The caller's associated data (the value's place, e.g. `contextAad('person', 'address', id)`) is
 * authenticated with the payload, so a ciphertext moved to another row or column does not decrypt.
 * Any change to the envelope or a different context throws a DecryptionError ('malformed',
 * 'unknown_key' or 'tampered'); decryption never returns unauthenticated bytes.
 *
 *     wb1.<kid>.<wrapped DEK>.<nonce>.<ciphertext ‖ tag>      text form, for `text` columns
 *     "WB" 0x01 <kid length> <kid> <wrapped DEK> <nonce> <ct ‖ tag>   binary form, for `bytea` and files
 *
 * Keyring. One or more KEKs by kid, one of them current for new envelopes; the others stay available
 * for decryption. Plus an index secret for keyed hashes (HMAC-SHA-256 with a per-purpose HKDF key) for
 * IP addresses and blind indexes. Loaded by loadKeyring() from, in order of precedence:
 * - MASTER_KEY (master-key.ts): `<key>` or `k1:<key>,*k2:<key>,index:<key>`, keys as hex or base64;
 * - an explicit key file, which must exist;
 * - `<dataDir>-keys/master.json` beside the data directory (key-file.ts), generated with mode 0600 on
 *   first start (`generated` tells the caller to log it); a key file that other users can read is
 *   refused. One at the old place inside the data directory still works, with a warning to move it.
 *
 * Rotation. keyring.addKey() creates a KEK, makes it current and saves it to the key file (with
 * MASTER_KEY, add an entry instead). Old envelopes keep decrypting under their own kid. keyring.rewrap()
 * re-wraps an envelope's DEK under the current KEK without decrypting the payload: only the kid and the
 * wrapped DEK change. keyring.needsRewrap() tells which envelopes are due, so a rotation job can stop
 * and resume at will. A kid may be retired once no envelope uses it. The index secret never rotates
 * with the KEKs, so keyed hashes stay stable.
 *
 * Streams (stream.ts). Files too large to hold in memory (evidence videos) are encrypted as chunked
 * AES-256-GCM (the STREAM construction): a fresh DEK per file, kept as an ordinary envelope in the
 * file's database row (so rotation rewraps it there), chunks that cannot be reordered, dropped, cut
 * short or extended unnoticed. sealStream() / openStream() are Node Transforms; memory stays one chunk.
 *
 * Signatures. keyring.signer(purpose) gives an Ed25519 key derived from the index secret per purpose
 * (stable across restarts and rotations), for documents others must be able to check (dossier manifests).
 *
 * Hygiene. Keys are held as KeyObjects (never in JSON or logs); DEKs and decoded key bytes are zeroed
 * after use where Node allows (OpenSSL's own copies are beyond reach). Error messages never contain keys,
 * plaintext or associated data.
 */
export { type Aad, contextAad } from './aad.ts';
export { constantTimeEqual } from './compare.ts';
export {
  describeEnvelope,
  ENVELOPE_VERSION,
  type EnvelopeFormat,
  type SerializedEnvelope,
} from './envelope.ts';
export { DecryptionError, type DecryptionErrorCode, KeyringError, type KeyringErrorCode } from './errors.ts';
export { defaultKeyFilePath, KEY_FILE_FORMAT, KEY_FILE_VERSION, legacyKeyFilePath } from './key-file.ts';
export { Keyring, type KeyringSource, type Signer } from './keyring.ts';
export { isValidKid } from './kid.ts';
export { type LoadedKeyring, type LoadKeyringOptions, loadKeyring } from './load.ts';
export { BARE_KEY_KID, generateMasterKeyEntry, parseMasterKey } from './master-key.ts';
export type { KeyEntry, KeyMaterial } from './material.ts';
export { rawPublicKey, signText, verifySignature } from './signing.ts';
export { DEFAULT_CHUNK_BYTES, openStream, type SealedStream, STREAM_VERSION, sealStream } from './stream.ts';
