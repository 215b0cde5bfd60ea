/**
 * Two error types, on purpose: a DecryptionError is about one stored value (the caller decides whether
 * that is a 404, a 500 or an alert), a KeyringError is about configuration and stops the process at start.
 * Neither message ever contains key material, plaintext or associated data.
 */

/**
 * - `malformed`: not an envelope of a known version, or a field has the wrong encoding or length.
 * - `unknown_key`: a well-formed envelope whose kid this keyring does not hold (a missing or retired key).
 * - `tampered`: authentication failed. The ciphertext, nonce or wrapped key was changed, the associated
 *   data differs from the data used when encrypting, or the key stored under that kid is not the original.
 *   AES-GCM cannot tell these apart, and it must not try to.
 */
export type DecryptionErrorCode = 'malformed' | 'unknown_key' | 'tampered';

export class DecryptionError extends Error {
  readonly code: DecryptionErrorCode;

  constructor(code: DecryptionErrorCode, message: string) {
    super(message);
    this.name = 'DecryptionError';
    this.code = code;
  }
}

export type KeyringErrorCode =
  /** MASTER_KEY could not be parsed. */
  | 'invalid_master_key'
  /** The key file exists but is not a valid Weerbaar key file. */
  | 'invalid_key_file'
  /** The key file is readable or writable by users other than its owner. */
  | 'key_file_permissions'
  /** A key file path was given explicitly and does not exist. */
  | 'key_file_missing'
  /** The key file on disk no longer agrees with the keyring in memory. */
  | 'key_file_conflict'
  /** Key files at both the default and the old place (inside the data directory), holding different keys. */
  | 'key_file_ambiguous'
  /** The operation needs persistence the keyring's source does not offer (keys from MASTER_KEY). */
  | 'read_only'
  /** Nothing to load keys from. */
  | 'no_key_source';

export class KeyringError extends Error {
  readonly code: KeyringErrorCode;

  constructor(code: KeyringErrorCode, message: string) {
    super(message);
    this.name = 'KeyringError';
    this.code = code;
  }
}
