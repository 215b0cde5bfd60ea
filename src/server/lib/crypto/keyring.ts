import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomFillSync,
  sign,
  timingSafeEqual,
} from 'node:crypto';
import { inspect } from 'node:util';
import { type Aad, aadBytes } from './aad.ts';
import { NONCE_BYTES, open, seal } from './aes-gcm.ts';
import { KEY_BYTES, toBase64url, utf8Decode, utf8Encode } from './encoding.ts';
import {
  dekAad,
  type Envelope,
  parseEnvelope,
  payloadAad,
  type SerializedEnvelope,
  serializeEnvelope,
} from './envelope.ts';
import { DecryptionError, KeyringError } from './errors.ts';
import { readKeyFile, replaceKeyFile } from './key-file.ts';
import { generateKid, isValidKid } from './kid.ts';
import { type KeyEntry, type KeyMaterial, wipeMaterial } from './material.ts';

/** Where a keyring's keys live, which decides whether addKey() can persist a new key. */
export type KeyringSource = { kind: 'memory' } | { kind: 'env' } | { kind: 'file'; path: string };

interface Kek {
  kid: string;
  /** KeyObjects keep the bytes in native memory, out of reach of JSON.stringify and log serialisers. */
  key: KeyObject;
  createdAt?: string;
}

const KEYED_HASH_SALT = Buffer.from('weerbaar/keyed-hash/v1', 'utf8');
const SIGNING_SALT = Buffer.from('weerbaar/signing/v1', 'utf8');
/** PKCS #8 DER of an Ed25519 private key, up to its 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Signs with an Ed25519 key derived from the keyring; the public key is what anyone verifies with. */
export interface Signer {
  /** Ed25519 signature (64 bytes) over the exact bytes. */
  sign(data: Uint8Array): Buffer;
  /** SubjectPublicKeyInfo PEM, for `openssl pkeyutl -verify -pubin -inkey key.pem -rawin`. */
  publicKeyPem: string;
  /** SHA-256 of the public key's DER, hex: a short name for the key in manifests. */
  publicKeyId: string;
}
const PURPOSE = /^[a-z][a-z0-9._-]{0,63}$/;

/**
 * The key-encryption keys (by kid, one of them current) and the keyed-hash secret. All encryption and
 * decryption goes through a keyring; nothing else in the application sees a key.
 */
export class Keyring {
  readonly #keys = new Map<string, Kek>();
  #currentKid: string;
  readonly #indexSecret: KeyObject;
  readonly #hashKeys = new Map<string, KeyObject>();
  readonly #source: KeyringSource;

  /**
   * Takes ownership of `material`: the bytes are copied into KeyObjects and the buffers then zeroed.
   * Applications use loadKeyring(); this is for it and for tests.
   */
  static fromMaterial(material: KeyMaterial, source: KeyringSource = { kind: 'memory' }): Keyring {
    try {
      return new Keyring(material, source);
    } finally {
      wipeMaterial(material);
    }
  }

  /** A keyring with one fresh key that lives only in memory: for tests and one-off tools. */
  static generate(): Keyring {
    const kid = generateKid();
    const material = { keys: [{ kid, key: randomKey() }], currentKid: kid, indexSecret: randomKey() };
    return Keyring.fromMaterial(material);
  }

  private constructor(material: KeyMaterial, source: KeyringSource) {
    if (material.indexSecret.length !== KEY_BYTES) throw new TypeError('The index secret must be 32 bytes');
    for (const entry of material.keys) this.#adopt(entry);
    if (!this.#keys.has(material.currentKid)) throw new TypeError('The current kid is not one of the keys');
    this.#currentKid = material.currentKid;
    this.#indexSecret = createSecretKey(material.indexSecret);
    this.#source = source;
  }

  #adopt(entry: KeyEntry): void {
    if (!isValidKid(entry.kid) || entry.key.length !== KEY_BYTES) throw new TypeError(`Invalid key "${entry.kid}"`);
    if (this.#keys.has(entry.kid)) throw new TypeError(`Duplicate kid "${entry.kid}"`);
    const kek: Kek = { kid: entry.kid, key: createSecretKey(entry.key) };
    if (entry.createdAt) kek.createdAt = entry.createdAt;
    this.#keys.set(entry.kid, kek);
  }

  /** The kid new envelopes are wrapped under. */
  get currentKid(): string {
    return this.#currentKid;
  }

  /** Every kid this keyring can decrypt, oldest first. */
  get kids(): string[] {
    return [...this.#keys.keys()];
  }

  get source(): KeyringSource {
    return { ...this.#source };
  }

  /** Encrypts to the text envelope (`wb1.…`), for a `text` column. */
  encrypt(plaintext: string | Uint8Array, aad: Aad): string {
    return serializeEnvelope({ ...this.#seal(plaintext, aad), format: 'text' });
  }

  /** Encrypts to the binary envelope, for a `bytea` column or a file: no base64 overhead. */
  encryptBinary(plaintext: string | Uint8Array, aad: Aad): Buffer {
    return serializeEnvelope({ ...this.#seal(plaintext, aad), format: 'binary' });
  }

  /** Decrypts either envelope form. Throws a DecryptionError; never returns unauthenticated bytes. */
  decrypt(envelope: SerializedEnvelope, aad: Aad): Buffer {
    const context = payloadAad(aadBytes(aad));
    const parsed = parseEnvelope(envelope);
    const dek = this.#unwrap(parsed);
    try {
      const plaintext = open(dek, parsed.nonce, parsed.ciphertext, context);
      if (!plaintext) throw tampered();
      return plaintext;
    } finally {
      dek.fill(0);
    }
  }

  /** Decrypts a value that was encrypted as a string. */
  decryptString(envelope: SerializedEnvelope, aad: Aad): string {
    const bytes = this.decrypt(envelope, aad);
    try {
      const text = utf8Decode(bytes);
      if (text === null) throw new DecryptionError('malformed', 'The decrypted value is not UTF-8 text');
      return text;
    } finally {
      bytes.fill(0);
    }
  }

  /** Whether an envelope is wrapped under another key than the current one (and so due for rewrap). */
  needsRewrap(envelope: SerializedEnvelope): boolean {
    return parseEnvelope(envelope).kid !== this.#currentKid;
  }

  /**
   * The same envelope with its data key wrapped under the current key, in the same form (text or
   * binary). The payload nonce and ciphertext are copied unchanged: no associated data is needed and
   * the plaintext is never decrypted. The wrapped key is verified, the payload is not (that needs the
   * associated data), so a damaged payload stays damaged and is reported when it is decrypted.
   * Always wraps afresh, even under the current key; check needsRewrap() to skip those rows.
   */
  rewrap(envelope: string): string;
  rewrap(envelope: Uint8Array): Buffer;
  rewrap(envelope: SerializedEnvelope): string | Buffer;
  rewrap(envelope: SerializedEnvelope): string | Buffer {
    const parsed = parseEnvelope(envelope);
    const dek = this.#unwrap(parsed);
    try {
      return serializeEnvelope({ ...parsed, ...this.#wrap(dek) });
    } finally {
      dek.fill(0);
    }
  }

  /**
   * Generates a new key, makes it current, and returns its kid. Existing envelopes keep decrypting
   * with their own kid until they are rewrapped. A file-based keyring writes the new key to the key file
   * before it uses it, so no envelope can ever name a key that was not saved. Keys from MASTER_KEY live
   * outside the application, so there this refuses: add an entry to MASTER_KEY instead.
   */
  addKey(): string {
    if (this.#source.kind === 'env') {
      throw new KeyringError(
        'read_only',
        'The keys come from MASTER_KEY, which this process cannot change. Generate a key, add it to MASTER_KEY ' +
          'as "<kid>:<key>" on every instance, restart, then rewrap.',
      );
    }
    if (this.#source.kind === 'file') this.#adoptFromDisk(this.#source.path);
    const kid = generateKid(this.#keys.keys());
    const entry: KeyEntry = { kid, key: randomKey(), createdAt: new Date().toISOString() };
    try {
      if (this.#source.kind === 'file') this.#save(this.#source.path, entry);
      this.#adopt(entry);
      this.#currentKid = kid;
      return kid;
    } finally {
      entry.key.fill(0);
    }
  }

  /**
   * Another process (a CLI) may have added keys since this one loaded the key file; adopt them, so the
   * next write cannot drop a key. A kid whose bytes differ, or a different index secret, means the file
   * is not the one this keyring came from: refuse, and change nothing.
   * (Two processes adding a key in the very same instant could still lose one; run rotations one at a time.)
   */
  #adoptFromDisk(file: string): void {
    const onDisk = readKeyFile(file);
    if (!onDisk) return; // deleted underneath us: #save() writes it again, with every key
    const indexSecret = this.#indexSecret.export();
    try {
      if (!timingSafeEqual(onDisk.indexSecret, indexSecret)) throw conflict(file, 'its index secret differs');
      const added = onDisk.keys.filter((entry) => {
        const mine = this.#keys.get(entry.kid);
        if (mine && !timingSafeEqual(mine.key.export(), entry.key)) throw conflict(file, `kid "${entry.kid}" differs`);
        return !mine;
      });
      for (const entry of added) this.#adopt(entry);
    } finally {
      indexSecret.fill(0);
      wipeMaterial(onDisk);
    }
  }

  /** Writes every key, plus `extra` as the new current key, to the key file. */
  #save(file: string, extra: KeyEntry): void {
    const material: KeyMaterial = { keys: [], currentKid: extra.kid, indexSecret: this.#indexSecret.export() };
    try {
      for (const kek of this.#keys.values()) {
        const key = kek.key.export();
        material.keys.push(kek.createdAt ? { kid: kek.kid, key, createdAt: kek.createdAt } : { kid: kek.kid, key });
      }
      material.keys.push({ ...extra, key: Buffer.from(extra.key) });
      replaceKeyFile(file, material);
    } finally {
      wipeMaterial(material);
    }
  }

  /**
   * A keyed hash (HMAC-SHA-256, base64url) for values that must be matched but never read back: IP
   * addresses in logs, blind indexes for looking up encrypted columns. Each purpose gets its own key,
   * HKDF(index secret, purpose), so hashes from one purpose cannot be correlated with another's.
   *
   * Stable across rotation: the index secret is not a key-encryption key. addKey() and rewrap never
   * touch it, so a hash stored today still matches after any number of rotations. Normalise the value
   * first (lower-case an e-mail address, canonicalise an IPv6 address); the hash is of the exact bytes.
   */
  keyedHash(purpose: string, value: string | Uint8Array): string {
    const input = typeof value === 'string' ? utf8Encode(value) : value;
    return toBase64url(createHmac('sha256', this.#hashKey(purpose)).update(input).digest());
  }

  /**
   * An Ed25519 signing key for one purpose (e.g. `incident-dossier`), derived like the keyed-hash keys
   * from the index secret (HKDF with its own salt), so it is the same after every restart and every
   * rotation of the key-encryption keys, and different per purpose. Whoever holds the keys can sign;
   * the public key is published with what it signed.
   */
  signer(purpose: string): Signer {
    if (!PURPOSE.test(purpose)) throw new TypeError('A signing purpose is a lower-case name (a-z 0-9 . _ -)');
    const seed = Buffer.from(hkdfSync('sha256', this.#indexSecret, SIGNING_SALT, purpose, KEY_BYTES));
    const der = Buffer.concat([ED25519_PKCS8_PREFIX, seed]);
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } finally {
      seed.fill(0);
      der.fill(0);
    }
    const publicKey = createPublicKey(privateKey);
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    return {
      sign: (data) => sign(null, data, privateKey),
      publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      publicKeyId: sha256Hex(spki),
    };
  }

  #hashKey(purpose: string): KeyObject {
    if (!PURPOSE.test(purpose)) {
      throw new TypeError('A keyed-hash purpose is a lower-case name like "ip-address" (a-z 0-9 . _ -)');
    }
    let key = this.#hashKeys.get(purpose);
    if (!key) {
      const derived = Buffer.from(hkdfSync('sha256', this.#indexSecret, KEYED_HASH_SALT, purpose, KEY_BYTES));
      key = createSecretKey(derived);
      derived.fill(0);
      this.#hashKeys.set(purpose, key);
    }
    return key;
  }

  #seal(plaintext: string | Uint8Array, aad: Aad): Omit<Envelope, 'format'> {
    const context = payloadAad(aadBytes(aad));
    const input = typeof plaintext === 'string' ? utf8Encode(plaintext) : plaintext;
    // A fresh data key for every value, used for this one encryption only; Buffer.alloc, not the pool.
    const dek = randomFillSync(Buffer.alloc(KEY_BYTES));
    try {
      const payload = seal(dek, input, context);
      return { ...this.#wrap(dek), nonce: payload.nonce, ciphertext: payload.sealed };
    } finally {
      dek.fill(0);
      if (typeof plaintext === 'string') input.fill(0);
    }
  }

  #wrap(dek: Buffer): Pick<Envelope, 'kid' | 'wrappedDek'> {
    const kid = this.#currentKid;
    const kek = this.#keys.get(kid) as Kek; // the constructor and addKey keep the current kid present
    const wrapped = seal(kek.key, dek, dekAad(kid));
    return { kid, wrappedDek: Buffer.concat([wrapped.nonce, wrapped.sealed]) };
  }

  #unwrap(envelope: Envelope): Buffer {
    const kek = this.#keys.get(envelope.kid);
    if (!kek) {
      throw new DecryptionError(
        'unknown_key',
        `The envelope is wrapped under key "${envelope.kid}", which is not in the keyring (keys: ${this.kids.join(', ')})`,
      );
    }
    const nonce = envelope.wrappedDek.subarray(0, NONCE_BYTES);
    const dek = open(kek.key, nonce, envelope.wrappedDek.subarray(NONCE_BYTES), dekAad(envelope.kid));
    if (!dek) throw tampered();
    return dek;
  }

  /** What JSON.stringify and the logger see: ids only, never key bytes. */
  toJSON(): { source: KeyringSource['kind']; currentKid: string; kids: string[] } {
    return { source: this.#source.kind, currentKid: this.#currentKid, kids: this.kids };
  }

  [inspect.custom](): string {
    return `Keyring { source: ${this.#source.kind}, current: ${this.#currentKid}, kids: [${this.kids.join(', ')}] }`;
  }
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function randomKey(): Buffer {
  return randomFillSync(Buffer.alloc(KEY_BYTES));
}

function tampered(): DecryptionError {
  return new DecryptionError(
    'tampered',
    'The envelope failed authentication: it was altered, belongs to another context (associated data), or its key changed',
  );
}

function conflict(file: string, detail: string): KeyringError {
  return new KeyringError(
    'key_file_conflict',
    `The key file ${file} no longer matches the keys this process loaded (${detail}); nothing was written. ` +
      'Find out who changed it before going on.',
  );
}
