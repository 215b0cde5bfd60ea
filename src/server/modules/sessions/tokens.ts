import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: for session cookies, invitation links and other bearer secrets. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored, so a database dump cannot be replayed. SHA-256 suffices: the token is random. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
