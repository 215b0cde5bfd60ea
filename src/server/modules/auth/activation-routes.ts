import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  activationInspectRequestSchema,
  activationInspectResponseSchema,
  activationPasskeyOptionsRequestSchema,
  activationPasskeyVerifyRequestSchema,
  activationPasswordCompleteRequestSchema,
  activationPasswordStartRequestSchema,
  passkeyRegistrationOptionsSchema,
  recoveryCodesResponseSchema,
  totpSetupResponseSchema,
} from '../../../shared/auth.ts';
import { contextOf } from '../../lib/context.ts';
import { setSessionCookie } from '../sessions/cookie.ts';
import {
  activatePasskeyOptions,
  activateWithPasskey,
  activateWithPassword,
  inspectInvitation,
  startPasswordActivation,
} from './activation-service.ts';
import { authClientOf, authDepsOf } from './deps.ts';
import { AUTH_RATE_LIMIT } from './rate-limit.ts';

/** Activating an account with an invitation link (logic in activation-service.ts). */
export const activationRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = authDepsOf(app);

  app.post(
    '/api/activation/inspect',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'What an activation link is for',
        body: activationInspectRequestSchema,
        response: { 200: activationInspectResponseSchema },
      },
    },
    async (request) => inspectInvitation(deps, request.body.token),
  );

  app.post(
    '/api/activation/passkey/options',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'Options for creating the first passkey',
        body: activationPasskeyOptionsRequestSchema,
        response: { 200: passkeyRegistrationOptionsSchema },
      },
    },
    async (request) => activatePasskeyOptions(deps, request.body.token),
  );

  app.post(
    '/api/activation/passkey/verify',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'Activate the account with a passkey; signs in and answers the recovery codes',
        body: activationPasskeyVerifyRequestSchema,
        response: { 200: recoveryCodesResponseSchema },
      },
    },
    async (request, reply) => {
      const { recoveryCodes, session } = await activateWithPasskey(
        deps,
        contextOf(request),
        authClientOf(request),
        request.body,
      );
      setSessionCookie(reply, app.config, session.token, session.expiresAt);
      return { recoveryCodes };
    },
  );

  app.post(
    '/api/activation/password/start',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'Check the chosen password and set up an authenticator app (officeholders and relatives)',
        body: activationPasswordStartRequestSchema,
        response: { 200: totpSetupResponseSchema },
      },
    },
    async (request) => startPasswordActivation(deps, request.body),
  );

  app.post(
    '/api/activation/password/complete',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'Activate the account with password + authenticator code; signs in and answers the recovery codes',
        body: activationPasswordCompleteRequestSchema,
        response: { 200: recoveryCodesResponseSchema },
      },
    },
    async (request, reply) => {
      const { recoveryCodes, session } = await activateWithPassword(
        deps,
        contextOf(request),
        authClientOf(request),
        request.body,
      );
      setSessionCookie(reply, app.config, session.token, session.expiresAt);
      return { recoveryCodes };
    },
  );
};
