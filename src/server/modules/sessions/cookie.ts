import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';

/** Over HTTPS the cookie gets the `__Host-` prefix: Secure, no Domain, Path=/ — it cannot be planted from a subdomain. */
export function sessionCookieName(config: Config): string {
  return config.PUBLIC_URL.startsWith('https://') ? '__Host-weerbaar_session' : 'weerbaar_session';
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date) {
  reply.setCookie(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.PUBLIC_URL.startsWith('https://'),
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(sessionCookieName(config), {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.PUBLIC_URL.startsWith('https://'),
    path: '/',
  });
}
