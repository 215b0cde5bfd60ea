/**
 * Strict encodings. Node's own base64 decoder is lenient: it skips characters outside the alphabet and
 * ignores the unused low bits of the last character, so several strings decode to the same bytes. For
 * an envelope that would mean an edited string still decrypts; every decoder here therefore accepts only
 * the one canonical spelling of a byte string.
 */

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^[0-9a-fA-F]*$/;

export const KEY_BYTES = 32;

/** Unpadded base64url, the only form written by this module. */
export function toBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Canonical unpadded base64url to bytes, or null when the string is anything else. */
export function fromBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/** Canonical base64 (padded or not) to bytes, or null. */
function fromBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  const canonical = bytes.toString('base64');
  return canonical === text || canonical.replace(/=+$/, '') === text ? bytes : null;
}

/**
 * Secret key material as operators write it: 64 hex characters, or base64 / base64url of 32 bytes.
 * A 64-character hex string can never be base64 of 32 bytes (that is 43 or 44 characters), so the two
 * forms cannot be confused. Errors describe the input's shape, never its content.
 */
export function parseKeyMaterial(text: string): { ok: true; key: Buffer } | { ok: false; problem: string } {
  if (text.length === KEY_BYTES * 2 && HEX.test(text)) return { ok: true, key: Buffer.from(text, 'hex') };
  // Hex of the wrong length is also valid base64; say what the operator most likely meant.
  if (text.length % 2 === 0 && text.length >= 2 && HEX.test(text)) {
    return {
      ok: false,
      problem: `looks like hex of ${text.length / 2} bytes; a key must be exactly 32 bytes (64 hex characters)`,
    };
  }
  const bytes = fromBase64url(text) ?? fromBase64(text);
  if (bytes === null) {
    return {
      ok: false,
      problem: `is neither hex nor base64 (${text.length} characters); expected 64 hex characters or base64 of 32 bytes`,
    };
  }
  if (bytes.length !== KEY_BYTES) {
    bytes.fill(0);
    return { ok: false, problem: `is ${bytes.length} bytes long; a key must be exactly 32 bytes (256 bits)` };
  }
  return { ok: true, key: bytes };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * UTF-8 bytes of a string. A string with a lone surrogate has no UTF-8 form; Node would silently store
 * U+FFFD instead, and the value would come back different. Refuse rather than alter data.
 */
export function utf8Encode(text: string): Buffer {
  if (LONE_SURROGATE.test(text)) throw new TypeError('The string contains a lone surrogate and has no UTF-8 form');
  return Buffer.from(text, 'utf8');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8, or returns null for invalid bytes (instead of substituting U+FFFD). */
export function utf8Decode(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
