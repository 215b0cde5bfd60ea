import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64url } from './encoding.ts';
import { describeEnvelope, type Envelope, parseEnvelope, serializeEnvelope, WRAPPED_DEK_BYTES } from './envelope.ts';
import { DecryptionError } from './errors.ts';

const kidArbitrary = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/).filter((kid) => kid !== 'index');

function envelopeOf(kid: string, ciphertext: Uint8Array, format: Envelope['format']): Envelope {
  return {
    format,
    kid,
    wrappedDek: randomBytes(WRAPPED_DEK_BYTES),
    nonce: randomBytes(12),
    ciphertext: Buffer.concat([Buffer.from(ciphertext), randomBytes(16)]),
  };
}

describe('envelope codec', () => {
  it('parses what it serialises, in both forms (property)', () => {
    fc.assert(
      fc.property(
        kidArbitrary,
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('text', 'binary'),
        (kid, ct, format) => {
          const envelope = envelopeOf(kid, ct, format as Envelope['format']);
          const serialized = serializeEnvelope(envelope);
          expect(typeof serialized).toBe(format === 'text' ? 'string' : 'object');
          expect(parseEnvelope(serialized)).toEqual(envelope);
          expect(describeEnvelope(serialized)).toEqual({ format, version: 1, kid });
        },
      ),
    );
  });

  it('lays out the binary form as documented', () => {
    const envelope = envelopeOf('k20261129a1b2', Buffer.from('ct'), 'binary');
    const bytes = serializeEnvelope(envelope) as Buffer;
    expect([...bytes.subarray(0, 4)]).toEqual([0x57, 0x42, 1, 13]);
    expect(bytes.subarray(4, 17).toString('ascii')).toBe('k20261129a1b2');
    expect(bytes.subarray(17, 77)).toEqual(envelope.wrappedDek);
    expect(bytes.subarray(77, 89)).toEqual(envelope.nonce);
    expect(bytes.subarray(89)).toEqual(envelope.ciphertext);
  });

  it('refuses envelopes with wrong lengths, kids or versions as malformed', () => {
    const good = serializeEnvelope(envelopeOf('k1', Buffer.from('x'), 'text')) as string;
    const [, , wrapped, nonce, ciphertext] = good.split('.');
    const short = (field: string | undefined) => (field ?? '').slice(0, -4);
    for (const bad of [
      `wb1.k1.${short(wrapped)}.${nonce}.${ciphertext}`,
      `wb1.k1.${wrapped}.${short(nonce)}.${ciphertext}`,
      `wb1.k1.${wrapped}.${nonce}.${randomBytes(15).toString('base64url')}`,
      `wb1.index.${wrapped}.${nonce}.${ciphertext}`,
      `wb1..${wrapped}.${nonce}.${ciphertext}`,
      `wb1.k1.${wrapped}=.${nonce}.${ciphertext}`,
      `wb1.k1.${wrapped}.${nonce}.${ciphertext} `,
      `wb0.k1.${wrapped}.${nonce}.${ciphertext}`,
    ]) {
      expect(() => parseEnvelope(bad)).toThrow(DecryptionError);
    }
    const binary = serializeEnvelope(envelopeOf('k1', Buffer.from('x'), 'binary')) as Buffer;
    const variants = [binary.subarray(0, 4 + 2 + 60 + 12 + 15), Buffer.from(binary), Buffer.from(binary)];
    (variants[1] as Buffer)[2] = 2; // version
    (variants[2] as Buffer)[3] = 0; // empty kid
    for (const bad of variants) {
      expect(() => parseEnvelope(bad)).toThrow(expect.objectContaining({ name: 'DecryptionError', code: 'malformed' }));
    }
    expect(() => serializeEnvelope({ ...envelopeOf('k1', Buffer.from('x'), 'text'), kid: 'k.1' })).toThrow(/key id/);
  });

  it('copies binary fields, so reusing the input buffer does not change a parsed envelope', () => {
    const bytes = serializeEnvelope(envelopeOf('k1', Buffer.from('x'), 'binary')) as Buffer;
    const parsed = parseEnvelope(bytes);
    const nonce = Buffer.from(parsed.nonce);
    bytes.fill(0);
    expect(parsed.nonce).toEqual(nonce);
  });
});

describe('fromBase64url', () => {
  it('accepts only the canonical spelling', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(fromBase64url(Buffer.from(bytes).toString('base64url'))).toEqual(Buffer.from(bytes));
      }),
    );
    expect(fromBase64url('AB')).toBeNull(); // spare bits set
    expect(fromBase64url('AA==')).toBeNull(); // padding
    expect(fromBase64url('A')).toBeNull(); // impossible length
    expect(fromBase64url('A+/A')).toBeNull(); // standard alphabet
    expect(fromBase64url('AA A')).toBeNull();
  });
});
