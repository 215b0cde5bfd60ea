import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './compare.ts';

describe('constantTimeEqual', () => {
  it('agrees with === for strings and with equals() for bytes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
        expect(constantTimeEqual(a, a)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
      }),
    );
  });

  it('handles different lengths, empty values and lone surrogates', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual(new Uint8Array(), new Uint8Array([0]))).toBe(false);
    // Both would become U+FFFD in UTF-8; they are different strings.
    expect(constantTimeEqual('\uD800', '\uD801')).toBe(false);
  });
});
