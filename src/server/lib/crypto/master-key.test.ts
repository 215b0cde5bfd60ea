import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contextAad } from './aad.ts';
import { KeyringError } from './errors.ts';
import { Keyring } from './keyring.ts';
import { BARE_KEY_KID, generateMasterKeyEntry, parseMasterKey } from './master-key.ts';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const aad = contextAad('test', 'value', 1);

function failure(value: string): KeyringError {
  try {
    parseMasterKey(value);
  } catch (error) {
    if (error instanceof KeyringError) return error;
    throw error;
  }
  throw new Error('expected MASTER_KEY to be refused');
}

describe('parseMasterKey', () => {
  it('accepts a bare key as hex, base64 and base64url, with kid k0', () => {
    for (const spelling of [
      keyA.toString('hex'),
      keyA.toString('hex').toUpperCase(),
      keyA.toString('base64'),
      keyA.toString('base64').replace(/=+$/, ''),
      keyA.toString('base64url'),
      `  ${keyA.toString('base64')}\n`,
    ]) {
      const material = parseMasterKey(spelling);
      expect(material.keys.map((entry) => entry.kid)).toEqual([BARE_KEY_KID]);
      expect(material.keys[0]?.key).toEqual(keyA);
      expect(material.currentKid).toBe('k0');
      expect(material.indexSecret).toEqual(keyA);
    }
  });

  it('takes several keys, the last one current unless one is marked with *', () => {
    const list = `k1:${keyA.toString('base64')}, k2:${keyB.toString('hex')}`;
    expect(parseMasterKey(list).currentKid).toBe('k2');
    expect(parseMasterKey(`*k1:${keyA.toString('base64')},k2:${keyB.toString('hex')}`).currentKid).toBe('k1');
    const multiline = parseMasterKey(`k1:${keyA.toString('base64url')}\nk2:${keyB.toString('base64url')}`);
    expect(multiline.keys.map((entry) => entry.kid)).toEqual(['k1', 'k2']);
  });

  it('seeds keyed hashes from the first key, or from index:, so retiring the first key keeps them', () => {
    const original = Keyring.fromMaterial(parseMasterKey(`k0:${keyA.toString('base64')}`), { kind: 'env' });
    const rotated = Keyring.fromMaterial(parseMasterKey(`k0:${keyA.toString('base64')},k1:${keyB.toString('base64')}`));
    const retired = Keyring.fromMaterial(
      parseMasterKey(`index:${keyA.toString('base64')},k1:${keyB.toString('base64')}`),
    );
    const hash = original.keyedHash('ip-address', '192.0.2.1');
    expect(rotated.keyedHash('ip-address', '192.0.2.1')).toBe(hash);
    expect(retired.keyedHash('ip-address', '192.0.2.1')).toBe(hash);
    expect(retired.kids).toEqual(['k1']);

    // The documented rotation path end to end.
    const envelope = rotated.rewrap(original.encrypt('Dorpsstraat 1', aad));
    expect(retired.decryptString(envelope, aad)).toBe('Dorpsstraat 1');
  });

  it('explains a key of the wrong length without showing it', () => {
    const short = randomBytes(16).toString('base64');
    const error = failure(short);
    expect(error.code).toBe('invalid_master_key');
    expect(error.message).toMatch(/16 bytes long; a key must be exactly 32 bytes/);
    expect(error.message).not.toContain(short);
    expect(failure(`k1:${randomBytes(48).toString('hex')}`).message).toMatch(
      /entry 1 \("k1"\) looks like hex of 48 bytes/,
    );
  });

  it('explains an encoding that is neither hex nor base64 without showing it', () => {
    const secret = `${'z'.repeat(40)}!!!`;
    const error = failure(secret);
    expect(error.message).toMatch(/neither hex nor base64/);
    expect(error.message).not.toContain(secret);
    // Node would decode these leniently; they are refused.
    expect(failure(`${keyA.toString('base64').slice(0, 20)}*${keyA.toString('base64').slice(21)}`).code).toBe(
      'invalid_master_key',
    );
    expect(failure(`${keyA.toString('hex').slice(0, 63)}g`).code).toBe('invalid_master_key');
  });

  it('refuses ambiguous or broken lists', () => {
    const a = keyA.toString('base64');
    const b = keyB.toString('base64');
    expect(failure('').message).toMatch(/empty/);
    expect(failure(' , ').message).toMatch(/empty/);
    expect(failure(`${a},k2:${b}`).message).toMatch(/every key needs a kid/);
    expect(failure(`k1:${a},k1:${b}`).message).toMatch(/listed twice/);
    expect(failure(`*k1:${a},*k2:${b}`).message).toMatch(/both "k1" and "k2" are marked current/);
    expect(failure(`k.1:${a}`).message).toMatch(/a kid is 1 to 32/);
    expect(failure(`:${a}`).message).toMatch(/a kid is 1 to 32/);
    expect(failure(`index:${a}`).message).toMatch(/no key/);
    expect(failure(`*index:${a},k1:${b}`).message).toMatch(/cannot be marked current/);
    expect(failure(`index:${a},index:${a},k1:${b}`).message).toMatch(/"index" is listed twice/);
    expect(failure(`k1:${a},k2:`).message).toMatch(/entry 2 \("k2"\) is 0 bytes long/);
  });

  it('generates entries an operator can paste into MASTER_KEY', () => {
    const entry = generateMasterKeyEntry(['k1']);
    expect(entry).toMatch(/^k\d{8}[0-9a-f]{4}:[A-Za-z0-9_-]{43}$/);
    const material = parseMasterKey(`k1:${keyA.toString('hex')},${entry}`);
    expect(material.currentKid).toBe(entry.split(':')[0]);
  });
});
