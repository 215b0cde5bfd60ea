import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { constantTimeEqual, type Keyring } from '../../lib/crypto/index.ts';
import type { PendingSignIn } from './oidc-client.ts';

/**
 * The state, nonce and PKCE verifier of a sign-in under way, in a cookie of this browser: signed with the
 * keyring (it cannot be made or changed elsewhere), HttpOnly, ten minutes, and bound to the `state` the
 * provider sends back, so a callback only completes in the browser that started it (no login CSRF).
 * SameSite=Lax, not Strict: the callback is a top-level navigation from the provider's site.
 */

const LIFETIME_MS = 10 * 60_000;
const PURPOSE = 'oidc-sign-in-state';

export function oidcStateCookieName(config: Pick<Config, 'PUBLIC_URL'>): string {
  return config.PUBLIC_URL.startsWith('https://') ? '__Host-weerbaar_oidc' : 'weerbaar_oidc';
}

function cookieOptions(config: Config) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.PUBLIC_URL.startsWith('https://'), path: '/' };
}

export function setOidcStateCookie(
  reply: FastifyReply,
  config: Config,
  keyring: Keyring,
  pending: PendingSignIn,
  now: Date,
): void {
  const payload = Buffer.from(JSON.stringify({ ...pending, expiresAt: now.getTime() + LIFETIME_MS }), 'utf8').toString(
    'base64url',
  );
  reply.setCookie(oidcStateCookieName(config), `${payload}.${keyring.keyedHash(PURPOSE, payload)}`, {
    ...cookieOptions(config),
    maxAge: LIFETIME_MS / 1000,
  });
}

export function clearOidcStateCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(oidcStateCookieName(config), cookieOptions(config));
}

/** The sign-in under way in this browser, if its cookie is ours, unexpired and for this `state`. */
export function pendingSignInOf(
  request: FastifyRequest,
  keyring: Keyring,
  state: string | undefined,
  now: Date,
): PendingSignIn | null {
  const value = request.cookies[oidcStateCookieName(request.server.config)];
  if (!value || value.length > 2000 || !state) return null;
  const [payload = '', mac = ''] = value.split('.');
  if (!constantTimeEqual(mac, keyring.keyedHash(PURPOSE, payload))) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!isPending(parsed) || parsed.expiresAt <= now.getTime()) return null;
    if (!constantTimeEqual(parsed.state, state)) return null;
    return { state: parsed.state, nonce: parsed.nonce, codeVerifier: parsed.codeVerifier };
  } catch {
    return null;
  }
}

function isPending(value: unknown): value is PendingSignIn & { expiresAt: number } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.state === 'string' &&
    typeof record.nonce === 'string' &&
    typeof record.codeVerifier === 'string' &&
    typeof record.expiresAt === 'number'
  );
}
