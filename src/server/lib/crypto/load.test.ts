import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextAad } from './aad.ts';
import { KeyringError, type KeyringErrorCode } from './errors.ts';
import { defaultKeyFilePath, legacyKeyFilePath } from './key-file.ts';
import { loadKeyring } from './load.ts';

const aad = contextAad('person', 'address', 42);
const posix = process.platform !== 'win32';
let root: string;
let dataDir: string;

// The key file lives beside the data directory, so each test gets a folder to hold both.
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'weerbaar-crypto-'));
  dataDir = path.join(root, 'data');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function keyringFailure(action: () => unknown): KeyringError {
  try {
    action();
  } catch (error) {
    if (error instanceof KeyringError) return error;
    throw error;
  }
  throw new Error('expected a KeyringError');
}

function expectCode(action: () => unknown, code: KeyringErrorCode): KeyringError {
  const error = keyringFailure(action);
  expect(error.code).toBe(code);
  return error;
}

describe('local key file', () => {
  it('is generated on first start with mode 0600 in a 0700 directory, and reloads to the same keys', () => {
    const first = loadKeyring({ dataDir });
    const file = path.join(root, 'data-keys', 'master.json');
    expect(first.generated).toBe(true);
    expect(first.warning).toBeUndefined();
    expect(first.location).toBe(file);
    expect(first.keyring.source).toEqual({ kind: 'file', path: file });
    if (posix) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }

    const envelope = first.keyring.encrypt('Dorpsstraat 1', aad);
    const hash = first.keyring.keyedHash('ip-address', '192.0.2.1');

    const second = loadKeyring({ dataDir });
    expect(second.generated).toBe(false);
    expect(second.keyring.kids).toEqual(first.keyring.kids);
    expect(second.keyring.currentKid).toBe(first.keyring.currentKid);
    expect(second.keyring.decryptString(envelope, aad)).toBe('Dorpsstraat 1');
    expect(second.keyring.keyedHash('ip-address', '192.0.2.1')).toBe(hash);

    // Also loadable as an explicit key file.
    expect(loadKeyring({ keyFile: file }).keyring.decryptString(envelope, aad)).toBe('Dorpsstraat 1');
  });

  it('writes the documented JSON, and keeps key bytes out of JSON and inspect output', () => {
    const { keyring, location } = loadKeyring({ dataDir });
    const json = JSON.parse(readFileSync(location, 'utf8'));
    expect(json).toEqual({
      format: 'weerbaar-keyring',
      version: 1,
      current: keyring.currentKid,
      indexSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      keys: [
        { kid: keyring.currentKid, key: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), createdAt: expect.any(String) },
      ],
    });
    const shown = JSON.stringify(keyring) + inspect(keyring, { depth: 10, showHidden: true });
    expect(shown).not.toContain(json.keys[0].key);
    expect(shown).not.toContain(json.indexSecret);
    expect(shown).not.toContain(Buffer.from(json.keys[0].key, 'base64url').toString('hex'));
  });

  it.runIf(posix)('refuses a key file that other users can read or write', () => {
    const { location } = loadKeyring({ dataDir });
    for (const mode of [0o644, 0o640, 0o604, 0o620, 0o666]) {
      chmodSync(location, mode);
      const error = expectCode(() => loadKeyring({ dataDir }), 'key_file_permissions');
      expect(error.message).toContain(location);
      expect(error.message).toContain(`(${mode.toString(8)})`);
      expect(error.message).toContain(`chmod 600 ${location}`);
    }
    chmodSync(location, 0o400);
    expect(loadKeyring({ dataDir }).generated).toBe(false);
  });

  it('never replaces a damaged key file with a new one', () => {
    const { location } = loadKeyring({ dataDir });
    const secret = JSON.parse(readFileSync(location, 'utf8')).keys[0].key as string;
    writeFileSync(location, `{"format":"weerbaar-keyring","version":1,"keys":[{"kid":"k1","key":"${secret}"`, {
      mode: 0o600,
    });
    const error = expectCode(() => loadKeyring({ dataDir }), 'invalid_key_file');
    expect(error.message).toMatch(/not JSON/);
    expect(error.message).not.toContain(secret);
    expect(readFileSync(location, 'utf8')).toContain(secret);

    for (const content of [
      '{"format":"something-else","version":1}',
      '{"format":"weerbaar-keyring","version":2,"keys":[]}',
      '{"format":"weerbaar-keyring","version":1,"keys":[]}',
      `{"format":"weerbaar-keyring","version":1,"current":"k1","indexSecret":"${secret}","keys":[{"kid":"k1","key":"c2hvcnQ"}]}`,
      `{"format":"weerbaar-keyring","version":1,"current":"k2","indexSecret":"${secret}","keys":[{"kid":"k1","key":"${secret}"}]}`,
      `{"format":"weerbaar-keyring","version":1,"current":"k1","keys":[{"kid":"k1","key":"${secret}"}]}`,
      `{"format":"weerbaar-keyring","version":1,"current":"k1","indexSecret":"${secret}","keys":[null]}`,
    ]) {
      writeFileSync(location, content, { mode: 0o600 });
      expect(keyringFailure(() => loadKeyring({ dataDir })).code).toBe('invalid_key_file');
    }
  });

  it('requires an explicitly named key file to exist', () => {
    const file = path.join(dataDir, 'mounted', 'keys.json');
    const error = expectCode(() => loadKeyring({ keyFile: file, dataDir }), 'key_file_missing');
    expect(error.message).toContain(file);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(defaultKeyFilePath(dataDir))).toBe(false);
  });
});

describe('the key file outside the data directory', () => {
  it('is not in a copy of the data directory', () => {
    const { keyring } = loadKeyring({ dataDir });
    const envelope = keyring.encrypt('Dorpsstraat 1', aad);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'database.bin'), 'stand-in for the database');
    const copy = path.join(root, 'elsewhere', 'data');
    cpSync(dataDir, copy, { recursive: true });
    const fromCopy = loadKeyring({ dataDir: copy });
    expect(fromCopy.generated).toBe(true);
    expect(() => fromCopy.keyring.decryptString(envelope, aad)).toThrow();
  });

  it('keeps using a key file at the old place inside the data directory, with a warning to move it', () => {
    const original = loadKeyring({ dataDir });
    const envelope = original.keyring.encrypt('Dorpsstraat 1', aad);
    const legacy = legacyKeyFilePath(dataDir);
    mkdirSync(path.dirname(legacy), { recursive: true, mode: 0o700 });
    renameSync(defaultKeyFilePath(dataDir), legacy);

    const old = loadKeyring({ dataDir });
    expect(old.generated).toBe(false);
    expect(old.location).toBe(legacy);
    expect(old.keyring.source).toEqual({ kind: 'file', path: legacy });
    expect(old.keyring.decryptString(envelope, aad)).toBe('Dorpsstraat 1');
    expect(old.warning).toContain('a copy of that directory can be decrypted');
    expect(old.warning).toContain(`mv ${legacy} ${defaultKeyFilePath(dataDir)}`);
    expect(existsSync(defaultKeyFilePath(dataDir))).toBe(false);

    // Moved as the warning says: found at the new place, no warning left.
    renameSync(legacy, defaultKeyFilePath(dataDir));
    const moved = loadKeyring({ dataDir });
    expect(moved.warning).toBeUndefined();
    expect(moved.keyring.decryptString(envelope, aad)).toBe('Dorpsstraat 1');
  });

  it('asks to remove a copy left at the old place, and refuses two different key files', () => {
    loadKeyring({ dataDir });
    const legacy = legacyKeyFilePath(dataDir);
    mkdirSync(path.dirname(legacy), { recursive: true, mode: 0o700 });
    cpSync(defaultKeyFilePath(dataDir), legacy);
    const both = loadKeyring({ dataDir });
    expect(both.location).toBe(defaultKeyFilePath(dataDir));
    expect(both.warning).toContain('remove that copy');

    rmSync(legacy);
    loadKeyring({ dataDir: path.join(root, 'other') });
    cpSync(defaultKeyFilePath(path.join(root, 'other')), legacy);
    const error = expectCode(() => loadKeyring({ dataDir }), 'key_file_ambiguous');
    expect(error.message).toContain(legacy);
  });
});

describe('addKey on a file-based keyring', () => {
  it('persists the new current key, and old envelopes decrypt after a restart with and without rewrap', () => {
    const { keyring } = loadKeyring({ dataDir });
    const oldKid = keyring.currentKid;
    const old = keyring.encrypt('oud adres', aad);
    const hash = keyring.keyedHash('ip-address', '192.0.2.1');
    const newKid = keyring.addKey();
    const rewrapped = keyring.rewrap(old);
    const fresh = keyring.encrypt('nieuw adres', aad);

    const restarted = loadKeyring({ dataDir }).keyring;
    expect(restarted.currentKid).toBe(newKid);
    expect(restarted.kids).toEqual([oldKid, newKid]);
    expect(restarted.decryptString(old, aad)).toBe('oud adres');
    expect(restarted.decryptString(rewrapped, aad)).toBe('oud adres');
    expect(restarted.decryptString(fresh, aad)).toBe('nieuw adres');
    expect(restarted.keyedHash('ip-address', '192.0.2.1')).toBe(hash);
    if (posix) expect(statSync(defaultKeyFilePath(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('keeps keys another process added in the meantime', () => {
    const server = loadKeyring({ dataDir }).keyring;
    const cli = loadKeyring({ dataDir }).keyring;
    const cliKid = cli.addKey();
    const byCli = cli.encrypt('door de CLI', aad);
    const serverKid = server.addKey();
    expect(server.decryptString(byCli, aad)).toBe('door de CLI');
    const reloaded = loadKeyring({ dataDir }).keyring;
    expect(reloaded.kids).toEqual(expect.arrayContaining([cliKid, serverKid]));
    expect(reloaded.kids).toHaveLength(3);
    expect(reloaded.currentKid).toBe(serverKid);
  });

  it('writes nothing when the file on disk is not the one it loaded', () => {
    const { keyring, location } = loadKeyring({ dataDir });
    const before = readFileSync(location, 'utf8');
    const json = JSON.parse(before);
    json.keys[0].key = randomBytes(32).toString('base64url');
    writeFileSync(location, JSON.stringify(json), { mode: 0o600 });
    expectCode(() => keyring.addKey(), 'key_file_conflict');
    expect(keyring.kids).toHaveLength(1);

    json.keys[0].key = JSON.parse(before).keys[0].key;
    json.indexSecret = randomBytes(32).toString('base64url');
    json.keys.push({ kid: 'kforeign', key: randomBytes(32).toString('base64url') });
    writeFileSync(location, JSON.stringify(json), { mode: 0o600 });
    expectCode(() => keyring.addKey(), 'key_file_conflict');
    expect(keyring.kids).toHaveLength(1);
    expect(readFileSync(location, 'utf8')).toBe(JSON.stringify(json));
  });
});

describe('MASTER_KEY', () => {
  it('wins over the data directory, which then gets no key file', () => {
    const masterKey = `k1:${randomBytes(32).toString('base64')}`;
    const loaded = loadKeyring({ masterKey, dataDir });
    expect(loaded).toMatchObject({ location: 'MASTER_KEY', generated: false });
    expect(loaded.keyring.kids).toEqual(['k1']);
    expect(loaded.keyring.source).toEqual({ kind: 'env' });
    expect(existsSync(defaultKeyFilePath(dataDir))).toBe(false);
    const envelope = loaded.keyring.encrypt('x', aad);
    expect(loadKeyring({ masterKey }).keyring.decryptString(envelope, aad)).toBe('x');
  });

  it('cannot be extended by addKey', () => {
    const { keyring } = loadKeyring({ masterKey: randomBytes(32).toString('hex') });
    expect(expectCode(() => keyring.addKey(), 'read_only').message).toMatch(/add it to MASTER_KEY/);
    expect(keyring.kids).toEqual(['k0']);
  });

  it('is ignored when empty, and some source is required', () => {
    expect(loadKeyring({ masterKey: '  ', dataDir }).generated).toBe(true);
    expectCode(() => loadKeyring({}), 'no_key_source');
    expectCode(() => loadKeyring({ masterKey: 'not a key' }), 'invalid_master_key');
  });
});
