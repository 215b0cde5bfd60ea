import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { constantTimeEqual, type Keyring } from '../../lib/crypto/index.ts';
import { normaliseEmail } from '../people/repository.ts';

/**
 * "This browser has signed in to this account before." A successful sign-in leaves a long-lived cookie
 * holding, per account (up to five: a shared family computer), a random device id and an HMAC binding it
 * to that account. The throttle (throttle.ts) gives such a browser a budget of its own: failures from
 * anywhere else — an attacker guessing, or trying to lock the owner out — do not block it, and its own
 * failures do not block anyone else.
 *
 * The cookie is HttpOnly and SameSite=Strict (`__Host-` over HTTPS), so a page cannot read it; it cannot
 * be made without the keyring; it only relaxes the throttle — the password and the second factor are
 * still needed. A stolen cookie gives an attacker that one device's budget, which slows down just the same.
 */

const MAX_ACCOUNTS = 5;
const LIFETIME_SECONDS = 365 * 24 * 60 * 60;
const TOKEN = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;

export function deviceCookieName(config: Pick<Config, 'PUBLIC_URL'>): string {
  return config.PUBLIC_URL.startsWith('https://') ? '__Host-weerbaar_device' : 'weerbaar_device';
}

/** The device cookie the request came with (its raw value), for the sign-in services. */
export function deviceCookieOf(request: FastifyRequest): string | undefined {
  return request.cookies?.[deviceCookieName(request.server.config)];
}

/** The keyed hash the throttle uses for an account (normalised e-mail address): unknown and known alike. */
export function accountHash(keyring: Keyring, email: string): string {
  return keyring.keyedHash('sign-in-account', normaliseEmail(email));
}

function macFor(keyring: Keyring, account: string, deviceId: string): string {
  return keyring.keyedHash('sign-in-device', `${account}:${deviceId}`);
}

function tokensIn(cookie: string | undefined): string[] {
  if (!cookie || cookie.length > 600) return [];
  return cookie.split('~').filter((token) => TOKEN.test(token));
}

/** The device id this browser's cookie proves for the account, or null. */
export function recognizedDevice(keyring: Keyring, cookie: string | undefined, email: string): string | null {
  const account = accountHash(keyring, email);
  for (const token of tokensIn(cookie)) {
    const [deviceId = '', mac = ''] = token.split('.');
    if (constantTimeEqual(mac, macFor(keyring, account, deviceId))) return deviceId;
  }
  return null;
}

/** After a successful sign-in: the cookie's new value, with this browser known for this account (kept or renewed). */
export function rememberDevice(keyring: Keyring, cookie: string | undefined, email: string): string {
  const account = accountHash(keyring, email);
  const deviceId = recognizedDevice(keyring, cookie, email) ?? randomBytes(16).toString('base64url');
  const mine = `${deviceId}.${macFor(keyring, account, deviceId)}`;
  const others = tokensIn(cookie).filter((token) => token !== mine);
  return [mine, ...others].slice(0, MAX_ACCOUNTS).join('~');
}

export function setDeviceCookie(reply: FastifyReply, config: Pick<Config, 'PUBLIC_URL'>, value: string): void {
  reply.setCookie(deviceCookieName(config), value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.PUBLIC_URL.startsWith('https://'),
    path: '/',
    maxAge: LIFETIME_SECONDS,
  });
}
