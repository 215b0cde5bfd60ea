import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { type Aad, aadBytes } from './aad.ts';
import { TAG_BYTES } from './aes-gcm.ts';
import { KEY_BYTES } from './encoding.ts';
import { DecryptionError } from './errors.ts';
import type { Keyring } from './keyring.ts';

/**
 * Streaming encryption for large files (evidence: a 50 MB video must never sit whole in memory).
 * Chunked AES-256-GCM in the shape of the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár
 * 2015): the plaintext is cut into chunks of a fixed size, each sealed on its own with a nonce made of a
 * random prefix, the chunk's counter and a "last chunk" flag. So a chunk cannot be moved, repeated,
 * dropped or swapped (the counter), and the file cannot be cut short at a chunk boundary or extended
 * (only the real last chunk carries the flag): each of these fails authentication.
 *
 * Keys. Every stream gets its own random data key (DEK), so the (prefix, counter) nonces can never
 * repeat under a key. The DEK itself is kept as an ordinary envelope (keyring.encrypt, text form), which
 * the caller stores next to the file's record: key rotation rewraps that envelope like any other column,
 * and the file on disk never changes. The file alone, without the database and the keyring, is useless.
 *
 * File layout (all integers big-endian):
 *
 *     offset 0  3 bytes  magic "WBS"
 *            3  1 byte   version (0x01)
 *            4  4 bytes  chunk size c (plaintext bytes per chunk; 1 KiB … 1 MiB)
 *            8  7 bytes  random nonce prefix
 *           15  chunks:  AES-256-GCM(DEK, nonce = prefix ‖ counter (4) ‖ last (1), chunk) ‖ tag (16)
 *
 * Every chunk but the last holds exactly c plaintext bytes; the last holds 0 … c. Each chunk's associated
 * data is `weerbaar/stream/v1/chunk\0` ‖ the 15 header bytes ‖ the caller's AAD, so the header, and the
 * place the file belongs to, are authenticated with every chunk. The DEK envelope's associated data is
 * `weerbaar/stream/v1/key\0` ‖ the caller's AAD.
 *
 * Decryption releases a chunk only after its tag verified. A stream that is cut short or altered fails
 * at the first bad chunk, so a consumer may already have received the verified chunks before it: it
 * must treat an error at any point as "this file is not intact" (abort the download, discard the copy).
 */

export const STREAM_VERSION = 1;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
const MIN_CHUNK_BYTES = 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;
const MAGIC = Buffer.from('WBS', 'ascii');
const PREFIX_BYTES = 7;
export const STREAM_HEADER_BYTES = MAGIC.length + 1 + 4 + PREFIX_BYTES;
const KEY_AAD_PREFIX = Buffer.from('weerbaar/stream/v1/key\0', 'utf8');
const CHUNK_AAD_PREFIX = Buffer.from('weerbaar/stream/v1/chunk\0', 'utf8');

function keyAad(aad: Aad): Buffer {
  return Buffer.concat([KEY_AAD_PREFIX, aadBytes(aad)]);
}

function nonceFor(prefix: Buffer, counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(counter, PREFIX_BYTES);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Collects incoming buffers and hands out exact-size slices without copying more than once. */
class ByteQueue {
  #parts: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#parts.push(chunk);
    this.length += chunk.length;
  }

  /** Removes and returns the first `size` bytes (size ≤ length). */
  take(size: number): Buffer {
    const out = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const head = this.#parts[0] as Buffer;
      const wanted = size - filled;
      if (head.length <= wanted) {
        head.copy(out, filled);
        filled += head.length;
        this.#parts.shift();
      } else {
        head.copy(out, filled, 0, wanted);
        this.#parts[0] = head.subarray(wanted);
        filled += wanted;
      }
    }
    this.length -= size;
    return out;
  }
}

export interface SealedStream {
  /** The stream's data key as a text envelope: store it with the file's record. */
  keyEnvelope: string;
  /** Plaintext in, the encrypted file out. */
  encryptor: Transform;
}

/** Starts encrypting a stream for the place `aad` names (e.g. `contextAad('incident_evidence', 'content', id)`). */
export function sealStream(keyring: Keyring, aad: Aad, chunkBytes = DEFAULT_CHUNK_BYTES): SealedStream {
  if (!Number.isInteger(chunkBytes) || chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) {
    throw new RangeError(`The chunk size must be ${MIN_CHUNK_BYTES}…${MAX_CHUNK_BYTES} bytes`);
  }
  const context = aadBytes(aad);
  const dek = randomFillSync(Buffer.alloc(KEY_BYTES));
  const keyEnvelope = keyring.encrypt(dek, keyAad(aad));
  const prefix = randomFillSync(Buffer.alloc(PREFIX_BYTES));
  const header = Buffer.alloc(STREAM_HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[3] = STREAM_VERSION;
  header.writeUInt32BE(chunkBytes, 4);
  prefix.copy(header, 8);
  const chunkAad = Buffer.concat([CHUNK_AAD_PREFIX, header, context]);
  const queue = new ByteQueue();
  let counter = 0;

  const sealChunk = (plaintext: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', dek, nonceFor(prefix, counter, last), { authTagLength: TAG_BYTES });
    cipher.setAAD(chunkAad);
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    counter++;
    if (counter > 0xffffffff) throw new RangeError('The stream is too long');
    return sealed;
  };

  let headerSent = false;
  const encryptor = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        if (!headerSent) {
          headerSent = true;
          this.push(header);
        }
        queue.push(chunk);
        // Only seal a full chunk when more follows: the last chunk must carry the flag.
        while (queue.length > chunkBytes) this.push(sealChunk(queue.take(chunkBytes), false));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!headerSent) {
          headerSent = true;
          this.push(header);
        }
        this.push(sealChunk(queue.take(queue.length), true));
        callback();
      } catch (error) {
        callback(error as Error);
      } finally {
        dek.fill(0);
      }
    },
    destroy(error, callback) {
      dek.fill(0);
      callback(error);
    },
  });
  return { keyEnvelope, encryptor };
}

const malformed = (detail: string) => new DecryptionError('malformed', `Not a valid Weerbaar stream: ${detail}`);
const tampered = () =>
  new DecryptionError(
    'tampered',
    'A chunk of the stream failed authentication: it was altered, cut short, extended, or belongs elsewhere',
  );

/** Encrypted file in, verified plaintext out; errors with a DecryptionError on any damage. */
export function openStream(keyring: Keyring, keyEnvelope: string, aad: Aad): Transform {
  const context = aadBytes(aad);
  const dek = keyring.decrypt(keyEnvelope, keyAad(aad));
  if (dek.length !== KEY_BYTES) {
    dek.fill(0);
    throw malformed('the data key has the wrong length');
  }
  const queue = new ByteQueue();
  let header: Buffer | null = null;
  let prefix = Buffer.alloc(0);
  let chunkAad = Buffer.alloc(0);
  let sealedBytes = 0;
  let counter = 0;

  const openChunk = (sealed: Buffer, last: boolean): Buffer => {
    if (sealed.length < TAG_BYTES) throw tampered();
    const decipher = createDecipheriv('aes-256-gcm', dek, nonceFor(prefix, counter, last), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(chunkAad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const head = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
    try {
      const tail = decipher.final();
      counter++;
      return tail.length === 0 ? head : Buffer.concat([head, tail]);
    } catch {
      head.fill(0);
      throw tampered();
    }
  };

  const readHeader = (): boolean => {
    if (header) return true;
    if (queue.length < STREAM_HEADER_BYTES) return false;
    const bytes = queue.take(STREAM_HEADER_BYTES);
    if (!bytes.subarray(0, 3).equals(MAGIC)) throw malformed('missing the "WBS" header');
    if (bytes[3] !== STREAM_VERSION) throw malformed('unknown version');
    const chunkBytes = bytes.readUInt32BE(4);
    if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) throw malformed('chunk size out of range');
    header = bytes;
    prefix = Buffer.from(bytes.subarray(8));
    chunkAad = Buffer.concat([CHUNK_AAD_PREFIX, bytes, context]);
    sealedBytes = chunkBytes + TAG_BYTES;
    return true;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        queue.push(chunk);
        if (!readHeader()) return callback();
        while (queue.length > sealedBytes) this.push(openChunk(queue.take(sealedBytes), false));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!readHeader()) throw malformed('too short');
        this.push(openChunk(queue.take(queue.length), true));
        callback();
      } catch (error) {
        callback(error as Error);
      } finally {
        dek.fill(0);
      }
    },
    destroy(error, callback) {
      dek.fill(0);
      callback(error);
    },
  });
}
