import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextAad } from './aad.ts';
import { DecryptionError, type DecryptionErrorCode } from './errors.ts';
import { Keyring } from './keyring.ts';

const aad = contextAad('person', 'address', '0f4c1b2e');
const aadArbitrary = fc.oneof(fc.string({ minLength: 1, unit: 'binary' }), fc.uint8Array({ minLength: 1 }));

/** Runs `action`, expecting a DecryptionError, and returns its code. */
function decryptionFailure(action: () => unknown): DecryptionErrorCode {
  try {
    action();
  } catch (error) {
    if (error instanceof DecryptionError) return error.code;
    throw error;
  }
  throw new Error('expected a DecryptionError, but decryption succeeded');
}

/** Every single-bit variant of a text envelope (as the characters a database would hand back). */
function* textBitFlips(envelope: string): Generator<string> {
  for (let index = 0; index < envelope.length; index++) {
    for (let bit = 0; bit < 8; bit++) {
      const flipped = String.fromCharCode(envelope.charCodeAt(index) ^ (1 << bit));
      yield envelope.slice(0, index) + flipped + envelope.slice(index + 1);
    }
  }
}

function* binaryBitFlips(envelope: Buffer): Generator<Buffer> {
  for (let index = 0; index < envelope.length; index++) {
    for (let bit = 0; bit < 8; bit++) {
      const copy = Buffer.from(envelope);
      copy[index] = (copy[index] ?? 0) ^ (1 << bit);
      yield copy;
    }
  }
}

describe('round trips', () => {
  const keyring = Keyring.generate();

  it('round-trips any string through the text and the binary envelope', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), aadArbitrary, (plaintext, context) => {
        expect(keyring.decryptString(keyring.encrypt(plaintext, context), context)).toBe(plaintext);
        expect(keyring.decryptString(keyring.encryptBinary(plaintext, context), context)).toBe(plaintext);
      }),
    );
  });

  it('round-trips any byte array through the text and the binary envelope', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), aadArbitrary, (plaintext, context) => {
        expect(keyring.decrypt(keyring.encrypt(plaintext, context), context)).toEqual(Buffer.from(plaintext));
        expect(keyring.decrypt(keyring.encryptBinary(plaintext, context), context)).toEqual(Buffer.from(plaintext));
      }),
    );
  });

  it('round-trips a large file', () => {
    const file = Buffer.alloc(5 * 1024 * 1024, 0xab);
    const envelope = keyring.encryptBinary(file, contextAad('evidence', 'file', 1));
    expect(envelope.length).toBe(file.length + 4 + keyring.currentKid.length + 60 + 12 + 16);
    expect(keyring.decrypt(envelope, contextAad('evidence', 'file', 1)).equals(file)).toBe(true);
  });

  it('gives two different envelopes for the same plaintext, with different nonces and wrapped keys', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (plaintext) => {
        const first = keyring.encrypt(plaintext, aad).split('.');
        const second = keyring.encrypt(plaintext, aad).split('.');
        expect(first[2]).not.toBe(second[2]);
        expect(first[3]).not.toBe(second[3]);
        expect(first[4]).not.toBe(second[4]);
      }),
    );
  });

  it('writes the documented text format', () => {
    const envelope = keyring.encrypt('Dorpsstraat 1', aad);
    expect(envelope).toMatch(/^wb1\.k\d{8}[0-9a-f]{4}\.[A-Za-z0-9_-]{80}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(envelope.split('.')[1]).toBe(keyring.currentKid);
  });

  it('never contains the plaintext, in either form', () => {
    const canary = 'CANARY-Dorpsstraat-1-Ergens-3f9a';
    for (const plaintext of [canary, canary.repeat(20), Buffer.from(canary)]) {
      const text = keyring.encrypt(plaintext, aad);
      expect(text).not.toContain(canary);
      const binary = keyring.encryptBinary(plaintext, aad);
      expect(binary.includes(canary)).toBe(false);
      expect(binary.toString('latin1')).not.toContain(canary);
    }
  });

  it('refuses strings without a UTF-8 form and empty associated data', () => {
    expect(() => keyring.encrypt('broken \uD800 surrogate', aad)).toThrow(/lone surrogate/);
    expect(() => keyring.encrypt('x', '')).toThrow(/Associated data must not be empty/);
    expect(() => keyring.encrypt('x', new Uint8Array())).toThrow(/Associated data must not be empty/);
    const envelope = keyring.encrypt('x', aad);
    expect(() => keyring.decrypt(envelope, '')).toThrow(/Associated data must not be empty/);
  });

  it('reports bytes that are not UTF-8 as malformed text', () => {
    const envelope = keyring.encrypt(Buffer.from([0xff, 0xfe]), aad);
    expect(decryptionFailure(() => keyring.decryptString(envelope, aad))).toBe('malformed');
  });
});

describe('integrity', () => {
  const keyring = Keyring.generate();

  it('rejects every single-bit change anywhere in a text envelope', () => {
    const envelope = keyring.encrypt('Bedreiging via e-mail, 12 november', aad);
    let variants = 0;
    for (const changed of textBitFlips(envelope)) {
      decryptionFailure(() => keyring.decrypt(changed, aad));
      variants++;
    }
    expect(variants).toBe(envelope.length * 8);
  });

  it('rejects every single-bit change anywhere in a binary envelope', () => {
    const envelope = keyring.encryptBinary(Buffer.from('foto van de brief'), aad);
    for (const changed of binaryBitFlips(envelope)) decryptionFailure(() => keyring.decrypt(changed, aad));
  });

  it('rejects a single-bit change in envelopes of any plaintext (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (plaintext, binary, where, bit) => {
          if (binary) {
            const envelope = keyring.encryptBinary(plaintext, aad);
            const index = where % envelope.length;
            envelope[index] = (envelope[index] ?? 0) ^ (1 << bit);
            decryptionFailure(() => keyring.decrypt(envelope, aad));
          } else {
            const envelope = keyring.encrypt(plaintext, aad);
            const index = where % envelope.length;
            const changed =
              envelope.slice(0, index) +
              String.fromCharCode(envelope.charCodeAt(index) ^ (1 << bit)) +
              envelope.slice(index + 1);
            decryptionFailure(() => keyring.decrypt(changed, aad));
          }
        },
      ),
    );
  });

  it('rejects other associated data as tampered', () => {
    fc.assert(
      fc.property(aadArbitrary, aadArbitrary, (first, second) => {
        fc.pre(!Buffer.from(first).equals(Buffer.from(second)));
        const envelope = keyring.encrypt('geheim', first);
        expect(decryptionFailure(() => keyring.decrypt(envelope, second))).toBe('tampered');
      }),
    );
    const envelope = keyring.encrypt('Dorpsstraat 1', contextAad('person', 'address', 'a'));
    expect(decryptionFailure(() => keyring.decrypt(envelope, contextAad('person', 'address', 'b')))).toBe('tampered');
    expect(decryptionFailure(() => keyring.decrypt(envelope, contextAad('person', 'phone', 'a')))).toBe('tampered');
  });

  it('rejects a payload moved into another envelope (swapped wrapped keys)', () => {
    const first = keyring.encrypt('een', aad).split('.');
    const second = keyring.encrypt('twee', aad).split('.');
    const swapped = [...first.slice(0, 2), second[2], ...first.slice(3)].join('.');
    expect(decryptionFailure(() => keyring.decrypt(swapped, aad))).toBe('tampered');
  });

  it('reports an unknown kid, a changed kid, a wrong key and malformed input with their codes', () => {
    const envelope = keyring.encrypt('geheim', aad);
    const other = Keyring.generate();
    expect(decryptionFailure(() => other.decrypt(envelope, aad))).toBe('unknown_key');
    expect(decryptionFailure(() => keyring.decrypt(envelope.replace(keyring.currentKid, 'k19990101abcd'), aad))).toBe(
      'unknown_key',
    );
    // Same kid, different key bytes: the wrapped key does not authenticate.
    const impostor = Keyring.fromMaterial({
      keys: [{ kid: keyring.currentKid, key: Buffer.alloc(32, 7) }],
      currentKid: keyring.currentKid,
      indexSecret: Buffer.alloc(32, 1),
    });
    expect(decryptionFailure(() => impostor.decrypt(envelope, aad))).toBe('tampered');
    for (const junk of ['', 'geheim', 'wb2.k1.a.b.c', `${envelope}.`, envelope.replace('wb1.', 'WB1.')]) {
      expect(decryptionFailure(() => keyring.decrypt(junk, aad))).toBe('malformed');
    }
    expect(decryptionFailure(() => keyring.decrypt(Buffer.from(envelope), aad))).toBe('malformed');
    expect(decryptionFailure(() => keyring.decrypt(new Uint8Array(), aad))).toBe('malformed');
  });

  it('rejects non-canonical base64url that decodes to the same bytes', () => {
    const envelope = keyring.encrypt('x', aad);
    const fields = envelope.split('.');
    // The nonce is 12 bytes (16 characters, no spare bits), the ciphertext 17 bytes (23 characters, 2
    // spare bits): setting a spare bit keeps Node's decoded bytes but must not keep the envelope valid.
    const last = fields[4] ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const lastIndex = alphabet.indexOf(last.at(-1) ?? '');
    const sibling = alphabet[lastIndex ^ 1] ?? '';
    const variant = [...fields.slice(0, 4), last.slice(0, -1) + sibling].join('.');
    expect(Buffer.from(variant.split('.')[4] ?? '', 'base64url')).toEqual(Buffer.from(last, 'base64url'));
    expect(decryptionFailure(() => keyring.decrypt(variant, aad))).toBe('malformed');
  });
});

describe('rotation', () => {
  it('keeps old envelopes readable after addKey, and rewrap moves them to the new key', () => {
    const keyring = Keyring.generate();
    const oldKid = keyring.currentKid;
    const text = keyring.encrypt('Dorpsstraat 1', aad);
    const binary = keyring.encryptBinary(Buffer.from('bewijs'), aad);
    expect(keyring.needsRewrap(text)).toBe(false);

    const newKid = keyring.addKey();
    expect(newKid).not.toBe(oldKid);
    expect(keyring.currentKid).toBe(newKid);
    expect(keyring.kids).toEqual([oldKid, newKid]);

    // Without rewrap, still readable.
    expect(keyring.decryptString(text, aad)).toBe('Dorpsstraat 1');
    expect(keyring.decryptString(binary, aad)).toBe('bewijs');
    expect(keyring.needsRewrap(text)).toBe(true);
    expect(keyring.needsRewrap(binary)).toBe(true);

    const rewrappedText = keyring.rewrap(text);
    const rewrappedBinary = keyring.rewrap(binary);
    expect(keyring.needsRewrap(rewrappedText)).toBe(false);
    expect(keyring.needsRewrap(rewrappedBinary)).toBe(false);
    expect(keyring.decryptString(rewrappedText, aad)).toBe('Dorpsstraat 1');
    expect(keyring.decryptString(rewrappedBinary, aad)).toBe('bewijs');

    // Only the kid and the wrapped key change; nonce and ciphertext are the same bytes.
    const [, kidBefore, wrappedBefore, ...payloadBefore] = text.split('.');
    const [, kidAfter, wrappedAfter, ...payloadAfter] = rewrappedText.split('.');
    expect([kidBefore, kidAfter]).toEqual([oldKid, newKid]);
    expect(wrappedAfter).not.toBe(wrappedBefore);
    expect(payloadAfter).toEqual(payloadBefore);
    const payloadBytes = 12 + 16 + 'bewijs'.length;
    expect(rewrappedBinary.subarray(-payloadBytes)).toEqual(binary.subarray(-payloadBytes));
    expect(rewrappedBinary.subarray(4, 4 + newKid.length).toString('ascii')).toBe(newKid);
  });

  it('keeps every envelope readable over several rotations (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uint8Array(), fc.boolean(), fc.boolean()), { maxLength: 12 }), (steps) => {
        const keyring = Keyring.generate();
        const stored: Array<{ plaintext: Uint8Array; envelope: string | Buffer }> = [];
        for (const [plaintext, rotateBefore, binary] of steps) {
          if (rotateBefore) keyring.addKey();
          stored.push({
            plaintext,
            envelope: binary ? keyring.encryptBinary(plaintext, aad) : keyring.encrypt(plaintext, aad),
          });
        }
        keyring.addKey();
        for (const item of stored) {
          expect(keyring.decrypt(item.envelope, aad)).toEqual(Buffer.from(item.plaintext));
          const rewrapped = keyring.rewrap(item.envelope);
          expect(typeof rewrapped).toBe(typeof item.envelope);
          expect(keyring.needsRewrap(rewrapped)).toBe(false);
          expect(keyring.decrypt(rewrapped, aad)).toEqual(Buffer.from(item.plaintext));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('does not rewrap an envelope with an unknown or tampered wrapped key', () => {
    const keyring = Keyring.generate();
    const envelope = keyring.encrypt('x', aad);
    keyring.addKey();
    expect(decryptionFailure(() => Keyring.generate().rewrap(envelope))).toBe('unknown_key');
    const fields = envelope.split('.');
    const wrapped = Buffer.from(fields[2] ?? '', 'base64url');
    wrapped[20] = (wrapped[20] ?? 0) ^ 1;
    const changed = [...fields.slice(0, 2), wrapped.toString('base64url'), ...fields.slice(3)].join('.');
    expect(decryptionFailure(() => keyring.rewrap(changed))).toBe('tampered');
  });
});

describe('keyed hashes', () => {
  it('are deterministic, differ per purpose and per value, and survive rotation', () => {
    const keyring = Keyring.generate();
    const before = keyring.keyedHash('ip-address', '192.0.2.1');
    expect(before).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keyring.keyedHash('ip-address', '192.0.2.1')).toBe(before);
    expect(keyring.keyedHash('ip-address', Buffer.from('192.0.2.1'))).toBe(before);
    expect(keyring.keyedHash('email-index', '192.0.2.1')).not.toBe(before);
    expect(keyring.keyedHash('ip-address', '192.0.2.2')).not.toBe(before);
    keyring.addKey();
    keyring.addKey();
    expect(keyring.keyedHash('ip-address', '192.0.2.1')).toBe(before);
    expect(Keyring.generate().keyedHash('ip-address', '192.0.2.1')).not.toBe(before);
  });

  it('differ per purpose for any value (property)', () => {
    const keyring = Keyring.generate();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(keyring.keyedHash('ip-address', value)).not.toBe(keyring.keyedHash('ip-addresses', value));
      }),
    );
  });

  it('refuses purposes that are not simple names', () => {
    const keyring = Keyring.generate();
    for (const purpose of ['', 'IP', ' ip', 'ip address', 'a'.repeat(65)]) {
      expect(() => keyring.keyedHash(purpose, 'x')).toThrow(/purpose/);
    }
  });
});

describe('key hygiene', () => {
  it('shows only ids in JSON and inspect output', () => {
    const key = Buffer.alloc(32, 0x5a);
    const keyring = Keyring.fromMaterial({
      keys: [{ kid: 'k1', key }],
      currentKid: 'k1',
      indexSecret: Buffer.alloc(32, 9),
    });
    expect(JSON.parse(JSON.stringify(keyring))).toEqual({ source: 'memory', currentKid: 'k1', kids: ['k1'] });
    expect(inspect(keyring)).toBe('Keyring { source: memory, current: k1, kids: [k1] }');
    // fromMaterial took the bytes and zeroed the caller's buffer.
    expect(key.every((byte) => byte === 0)).toBe(true);
  });
});
