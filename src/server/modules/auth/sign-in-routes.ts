import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  okResponseSchema,
  passkeyAuthenticationOptionsSchema,
  signInPasskeyOptionsRequestSchema,
  signInPasskeyVerifyRequestSchema,
  signInPasswordRequestSchema,
  stepUpPasskeyOptionsRequestSchema,
  stepUpPasskeyVerifyRequestSchema,
  stepUpPasswordRequestSchema,
  stepUpResponseSchema,
} from '../../../shared/auth.ts';
import { contextOf } from '../../lib/context.ts';
import { setSessionCookie } from '../sessions/cookie.ts';
import { csrfTokenFor } from '../sessions/plugin.ts';
import { authClientOf, authDepsOf } from './deps.ts';
import { setDeviceCookie } from './device.ts';
import { AUTH_RATE_LIMIT } from './rate-limit.ts';
import { passkeySignInOptions, type StartedSession, signInWithPasskey, signInWithPassword } from './sign-in-service.ts';
import { stepUpPasskeyOptions, stepUpWithPasskey, stepUpWithPassword } from './step-up-service.ts';

/** Sign-in (passkey; password + code) and step-up. The logic is in sign-in-service.ts and step-up-service.ts. */
export const signInRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = authDepsOf(app);

  app.post(
    '/api/auth/passkey/options',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Options for signing in with a passkey (no e-mail asked)',
        body: signInPasskeyOptionsRequestSchema,
        response: { 200: passkeyAuthenticationOptionsSchema },
      },
    },
    async () => passkeySignInOptions(deps),
  );

  app.post(
    '/api/auth/passkey/verify',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a passkey',
        body: signInPasskeyVerifyRequestSchema,
        response: { 200: okResponseSchema },
      },
    },
    async (request, reply) => {
      const session = await signInWithPasskey(deps, contextOf(request), authClientOf(request), request.body.response);
      setSessionCookie(reply, app.config, session.token, session.expiresAt);
      setDeviceCookie(reply, app.config, session.deviceCookie);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail, password and an authenticator code (or a recovery code)',
        body: signInPasswordRequestSchema,
        response: { 200: okResponseSchema },
      },
    },
    async (request, reply) => {
      const session = await signInWithPassword(deps, contextOf(request), authClientOf(request), request.body);
      setSessionCookie(reply, app.config, session.token, session.expiresAt);
      setDeviceCookie(reply, app.config, session.deviceCookie);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/step-up/passkey/options',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Options for confirming it is me with one of my passkeys',
        body: stepUpPasskeyOptionsRequestSchema,
        response: { 200: passkeyAuthenticationOptionsSchema },
      },
    },
    async (request) => stepUpPasskeyOptions(deps, contextOf(request)),
  );

  app.post(
    '/api/auth/step-up/passkey/verify',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm it is me with a passkey (the session gets a new token and CSRF token)',
        body: stepUpPasskeyVerifyRequestSchema,
        response: { 200: stepUpResponseSchema },
      },
    },
    async (request, reply) =>
      renewed(app, reply, await stepUpWithPasskey(deps, contextOf(request), request.body.response)),
  );

  app.post(
    '/api/auth/step-up/password',
    {
      config: { access: 'signedIn', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Confirm it is me with my password and an authenticator or recovery code (new session token)',
        body: stepUpPasswordRequestSchema,
        response: { 200: stepUpResponseSchema },
      },
    },
    async (request, reply) =>
      renewed(app, reply, await stepUpWithPassword(deps, contextOf(request), authClientOf(request), request.body)),
  );
};

/** After a step-up: the new cookie, and the CSRF token that belongs to it. */
function renewed(app: FastifyInstance, reply: FastifyReply, session: StartedSession) {
  setSessionCookie(reply, app.config, session.token, session.expiresAt);
  return { ok: true as const, csrfToken: csrfTokenFor(app, session.token) };
}
