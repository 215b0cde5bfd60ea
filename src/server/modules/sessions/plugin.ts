import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { BACKGROUND_REFRESH_HEADER } from '../../../shared/session.ts';
import type { Config } from '../../config.ts';
import { constantTimeEqual } from '../../lib/crypto/index.ts';
import { AppError } from '../../lib/errors.ts';
import { sessionCookieName } from './cookie.ts';
import { type ResolvedSession, resolveSession, type SignInClient } from './service.ts';
import { hashSecretToken } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session the request came with, if any (request.actor is its person). */
    session: ResolvedSession | null;
    /** The session cookie's token, for deriving the CSRF token. Never logged. */
    sessionToken: string | null;
  }
  interface FastifyInstance {
    config: Config;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfRejected = () =>
  new AppError(
    403,
    'csrf_rejected',
    'Forbidden',
    'This request did not come from Weerbaar itself. Reload the page and try again.',
  );

/** The CSRF token for a session: bound to the cookie's secret, which never leaves the server in any other form. */
export function csrfTokenFor(app: FastifyInstance, sessionToken: string): string {
  return app.keyring.keyedHash('csrf', hashSecretToken(sessionToken));
}

/** What a sign-in needs to know about the request: the session it came with (ended on sign-in), its browser. */
export function signInClientOf(request: FastifyRequest): SignInClient {
  const previous = request.session?.actor;
  return {
    previous: previous ? { personId: previous.personId, sessionId: previous.sessionId } : null,
    userAgent: request.headers['user-agent'],
  };
}

/**
 * Resolves the session cookie into request.actor (before the access check runs) and guards every
 * state-changing request against cross-site forgery: the browser's own Sec-Fetch-Site / Origin must say
 * "same origin", and a signed-in request must carry the session's CSRF token in `X-CSRF-Token`.
 */
async function sessionsPlugin(app: FastifyInstance, options: { config: Config }) {
  const { config } = options;
  const ownOrigin = new URL(config.PUBLIC_URL).origin;
  app.decorate('config', config);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
  await app.register(cookie);

  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const token = request.cookies[sessionCookieName(config)];
    if (token && token.length < 200) {
      // A page refreshing itself on a timer is not the person at work: it must not keep the session alive.
      const touch = request.headers[BACKGROUND_REFRESH_HEADER] !== '1';
      const session = await resolveSession(app.db, token, config, { touch });
      if (session) {
        request.session = session;
        request.sessionToken = token;
        request.actor = session.actor;
      }
    }
    if (!SAFE_METHODS.has(request.method)) {
      const fetchSite = request.headers['sec-fetch-site'];
      if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') throw csrfRejected();
      const origin = request.headers.origin;
      if (origin && origin !== ownOrigin) throw csrfRejected();
      if (request.sessionToken) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !constantTimeEqual(sent, csrfTokenFor(app, request.sessionToken))) {
          throw csrfRejected();
        }
      }
    }
    // Signed-in answers must never sit in a cache, pages included.
    if (request.session) reply.header('Cache-Control', 'no-store');
  });
}

export default fp(sessionsPlugin, { name: 'sessions', dependencies: ['database', 'keyring'] });
