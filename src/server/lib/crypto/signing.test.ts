import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring.ts';
import { verifySignature } from './signing.ts';

describe('keyring signatures (Ed25519)', () => {
  it('signs with a key derived per purpose, checkable with the public key alone', () => {
    const keyring = Keyring.generate();
    const signer = keyring.signer('audit-checkpoint');
    const signature = signer.sign('{"n":1}');
    expect(signer.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifySignature(signer.publicKey, '{"n":1}', signature)).toBe(true);
    expect(verifySignature(signer.publicKey, '{"n":2}', signature)).toBe(false);
    // Stable for the same keys, different per purpose and per keyring.
    expect(keyring.signer('audit-checkpoint').publicKey).toBe(signer.publicKey);
    expect(keyring.signer('other-purpose').publicKey).not.toBe(signer.publicKey);
    expect(Keyring.generate().signer('audit-checkpoint').publicKey).not.toBe(signer.publicKey);
  });

  it('survives key rotation (derived from the index secret, not a key-encryption key)', () => {
    const keyring = Keyring.generate();
    const before = keyring.signer('audit-checkpoint').publicKey;
    keyring.addKey();
    expect(keyring.signer('audit-checkpoint').publicKey).toBe(before);
  });

  it('refuses malformed keys and signatures instead of throwing', () => {
    const signer = Keyring.generate().signer('audit-checkpoint');
    const signature = signer.sign('x');
    expect(verifySignature('not a key', 'x', signature)).toBe(false);
    expect(verifySignature(signer.publicKey, 'x', 'short')).toBe(false);
    expect(verifySignature(signer.publicKey, 'x', `${signature.slice(0, -2)}AA`)).toBe(false);
    expect(() => Keyring.generate().signer('Not A Purpose')).toThrow(TypeError);
  });
});
