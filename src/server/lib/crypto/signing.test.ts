import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring.ts';
import { rawPublicKey, signText, verifySignature } from './signing.ts';

describe('signatures as text (Ed25519, for the audit checkpoints)', () => {
  it('signs with a key derived per purpose, checkable with the public key alone', () => {
    const keyring = Keyring.generate();
    const signer = keyring.signer('audit-checkpoint');
    const publicKey = rawPublicKey(signer);
    const signature = signText(signer, '{"n":1}');
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifySignature(publicKey, '{"n":1}', signature)).toBe(true);
    expect(verifySignature(publicKey, '{"n":2}', signature)).toBe(false);
    // Stable for the same keys, different per purpose and per keyring.
    expect(rawPublicKey(keyring.signer('audit-checkpoint'))).toBe(publicKey);
    expect(rawPublicKey(keyring.signer('other-purpose'))).not.toBe(publicKey);
    expect(rawPublicKey(Keyring.generate().signer('audit-checkpoint'))).not.toBe(publicKey);
  });

  it('survives key rotation (derived from the index secret, not a key-encryption key)', () => {
    const keyring = Keyring.generate();
    const before = rawPublicKey(keyring.signer('audit-checkpoint'));
    keyring.addKey();
    expect(rawPublicKey(keyring.signer('audit-checkpoint'))).toBe(before);
  });

  it('refuses malformed keys and signatures instead of throwing', () => {
    const signer = Keyring.generate().signer('audit-checkpoint');
    const publicKey = rawPublicKey(signer);
    const signature = signText(signer, 'x');
    expect(verifySignature('not a key', 'x', signature)).toBe(false);
    expect(verifySignature(publicKey, 'x', 'short')).toBe(false);
    // One bit changed (replacing the last characters could leave the bytes as they were, 1 run in 256).
    const changed = Buffer.from(signature, 'base64url');
    changed[10] = (changed[10] ?? 0) ^ 1;
    expect(verifySignature(publicKey, 'x', changed.toString('base64url'))).toBe(false);
  });
});
