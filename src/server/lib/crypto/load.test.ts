import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextAad } from './aad.ts';
import { KeyringError, type KeyringErrorCode } from './errors.ts';
import { defaultKeyFilePath } from './key-file.ts';
import { loadKeyring } from './load.ts';

const aad = contextAad('person', 'address', 42);
const posix = process.platform !== 'win32';
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-crypto-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
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
    const file = path.join(dataDir, 'keys', 'master.json');
    expect(first.generated).toBe(true);
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

describe('keys outside the data directory', () => {
  it('makes a new key file in the keys directory, not in the data directory, so a copy of the data cannot be read', () => {
    const keysDir = path.join(dataDir, '..', `${path.basename(dataDir)}-keys`);
    try {
      const loaded = loadKeyring({ keysDir, dataDir });
      expect(loaded).toMatchObject({
        generated: true,
        insideDataDir: false,
        location: path.join(keysDir, 'master.json'),
      });
      expect(existsSync(defaultKeyFilePath(dataDir))).toBe(false);
      expect(loaded.location.startsWith(`${dataDir}${path.sep}`)).toBe(false);
      expect(loadKeyring({ keysDir, dataDir }).keyring.kids).toEqual(loaded.keyring.kids);
    } finally {
      rmSync(keysDir, { recursive: true, force: true });
    }
  });

  it('goes on using a key file an older version made inside the data directory, and says so', () => {
    const old = loadKeyring({ dataDir });
    const keysDir = path.join(dataDir, '..', `${path.basename(dataDir)}-keys`);
    try {
      const loaded = loadKeyring({ keysDir, dataDir });
      expect(loaded).toMatchObject({ generated: false, insideDataDir: true, location: defaultKeyFilePath(dataDir) });
      expect(loaded.keyring.kids).toEqual(old.keyring.kids);
      expect(existsSync(keysDir)).toBe(false);
    } finally {
      rmSync(keysDir, { recursive: true, force: true });
    }
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
