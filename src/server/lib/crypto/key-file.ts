import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { fromBase64url, KEY_BYTES, toBase64url } from './encoding.ts';
import { KeyringError } from './errors.ts';
import { isValidKid } from './kid.ts';
import type { KeyEntry, KeyMaterial } from './material.ts';

/**
 * The key file keeps the keys of a local installation, beside (but apart from) the database:
 *
 *     {
 *       "format": "weerbaar-keyring",
 *       "version": 1,
 *       "current": "k20261129a1b2",
 *       "indexSecret": "<base64url, 32 bytes>",
 *       "keys": [{ "kid": "k20261129a1b2", "key": "<base64url, 32 bytes>", "createdAt": "2026-11-29T…Z" }]
 *     }
 *
 * It is created with mode 0600 in a 0700 directory, and a file that other users can read or write is
 * refused: a readable key file makes every encrypted column readable. It is only ever replaced as a
 * whole (write a temporary file, fsync, rename), so a crash leaves either the old or the new file, never
 * half of one. Losing this file means losing every encrypted value: back it up, separately from the
 * database dumps.
 */
export const KEY_FILE_FORMAT = 'weerbaar-keyring';
export const KEY_FILE_VERSION = 1;

/**
 * Local mode keeps the key file beside the data directory, never inside it: `./data` → `./data-keys/
 * master.json`. A copy or backup of the data directory then holds no key that opens it.
 */
export function defaultKeyFilePath(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}-keys`, 'master.json');
}

/** Where local mode kept the key file until it moved out: inside the data directory. Still read. */
export function legacyKeyFilePath(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'keys', 'master.json');
}

/** True when two key files hold the same keys (the same file copied, or moved and left behind). */
export function sameKeys(a: KeyMaterial, b: KeyMaterial): boolean {
  return serialize(a) === serialize(b);
}

interface KeyFileJson {
  format: typeof KEY_FILE_FORMAT;
  version: typeof KEY_FILE_VERSION;
  current: string;
  indexSecret: string;
  keys: Array<{ kid: string; key: string; createdAt?: string }>;
}

/** Reads and validates a key file; `null` when it does not exist. */
export function readKeyFile(file: string): KeyMaterial | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    // fstat the open descriptor, so the file checked is the file read.
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw invalid(file, 'it is not a regular file');
    // Windows has no POSIX modes to check; protect the file with an ACL there.
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
      throw new KeyringError(
        'key_file_permissions',
        `Refusing to use the key file ${file}: its permissions (${mode}) let other users read or change it. ` +
          `Run "chmod 600 ${file}" and check who may have copied it; if anyone may have, rotate the keys.`,
      );
    }
    return parseKeyFile(file, readFileSync(fd, 'utf8'));
  } finally {
    closeSync(fd);
  }
}

function invalid(file: string, problem: string): KeyringError {
  return new KeyringError('invalid_key_file', `The key file ${file} is not a valid Weerbaar key file: ${problem}`);
}

function decodeKey(file: string, value: unknown, what: string): Buffer {
  const bytes = typeof value === 'string' ? fromBase64url(value) : null;
  if (!bytes || bytes.length !== KEY_BYTES) throw invalid(file, `${what} is not 32 bytes of base64url`);
  return bytes;
}

function parseKeyFile(file: string, text: string): KeyMaterial {
  let json: Partial<KeyFileJson>;
  try {
    json = JSON.parse(text) as Partial<KeyFileJson>;
  } catch {
    // The parser's message may quote the file's content, which is secret.
    throw invalid(file, 'it is not JSON');
  }
  if (typeof json !== 'object' || json === null || json.format !== KEY_FILE_FORMAT) {
    throw invalid(file, `"format" is not "${KEY_FILE_FORMAT}"`);
  }
  if (json.version !== KEY_FILE_VERSION) throw invalid(file, `unsupported version ${String(json.version)}`);
  if (!Array.isArray(json.keys) || json.keys.length === 0) throw invalid(file, 'it holds no keys');

  const keys: KeyEntry[] = [];
  try {
    for (const [position, entry] of json.keys.entries()) {
      const kid = (entry as { kid?: unknown } | null)?.kid;
      if (typeof kid !== 'string' || !isValidKid(kid)) throw invalid(file, `key ${position + 1} has an invalid kid`);
      if (keys.some((known) => known.kid === kid)) throw invalid(file, `kid "${kid}" occurs twice`);
      const key = decodeKey(file, entry.key, `the key of "${kid}"`);
      keys.push(typeof entry.createdAt === 'string' ? { kid, key, createdAt: entry.createdAt } : { kid, key });
    }
    if (typeof json.current !== 'string' || !keys.some((entry) => entry.kid === json.current)) {
      throw invalid(file, '"current" does not name one of its keys');
    }
    return { keys, currentKid: json.current, indexSecret: decodeKey(file, json.indexSecret, '"indexSecret"') };
  } catch (error) {
    for (const entry of keys) entry.key.fill(0);
    throw error;
  }
}

function serialize(material: KeyMaterial): string {
  const json: KeyFileJson = {
    format: KEY_FILE_FORMAT,
    version: KEY_FILE_VERSION,
    current: material.currentKid,
    indexSecret: toBase64url(material.indexSecret),
    keys: material.keys.map(({ kid, key, createdAt }) =>
      createdAt ? { kid, key: toBase64url(key), createdAt } : { kid, key: toBase64url(key) },
    ),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Writes the file's future content to a private temporary file next to it and returns its path. */
function writeTemporary(file: string, material: KeyMaterial): string {
  const directory = path.dirname(file);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600); // in case the umask or the platform handed out something else
    writeSync(fd, serialize(material));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temporary;
}

/** Makes a rename or link in the directory survive a power cut (where the platform allows it). */
function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not supported everywhere (Windows); the file itself is already synced.
  }
}

/**
 * Creates the key file only if none exists; returns false (and writes nothing) when one does.
 * link() is atomic and refuses to replace: of two processes starting at once, one key file wins.
 */
export function createKeyFile(file: string, material: KeyMaterial): boolean {
  const temporary = writeTemporary(file, material);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
  syncDirectory(path.dirname(file));
  return true;
}

/** Replaces the key file as a whole. */
export function replaceKeyFile(file: string, material: KeyMaterial): void {
  const temporary = writeTemporary(file, material);
  try {
    renameSync(temporary, file);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
  syncDirectory(path.dirname(file));
}
