import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addPasskeyOptionsRequestSchema,
  addPasskeyRequestSchema,
  credentialChangeResponseSchema,
  credentialsResponseSchema,
  passkeyIdParamsSchema,
  passkeyRegistrationOptionsSchema,
  passwordTotpCompleteRequestSchema,
  passwordTotpStartRequestSchema,
  regenerateRecoveryCodesRequestSchema,
  regenerateRecoveryCodesResponseSchema,
  totpSetupResponseSchema,
} from '../../../shared/auth.ts';
import { contextOf } from '../../lib/context.ts';
import { requireRecentAuthentication } from '../sessions/step-up.ts';
import { authDepsOf } from './deps.ts';
import {
  addPasskey,
  addPasskeyOptions,
  completePasswordTotp,
  listMyCredentials,
  regenerateRecoveryCodes,
  removePasskey,
  removePasswordTotp,
  startPasswordTotp,
} from './my-credentials-service.ts';

/**
 * My sign-in methods. Every change needs a recent full authentication (step-up), checked here before the
 * service runs; the rules are in my-credentials-service.ts.
 */
export const meCredentialRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = authDepsOf(app);

  app.get(
    '/api/me/credentials',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'My sign-in methods',
        response: { 200: credentialsResponseSchema },
      },
    },
    async (request) => listMyCredentials(deps, contextOf(request)),
  );

  app.post(
    '/api/me/passkeys/options',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Options for adding a passkey (needs a recent step-up)',
        body: addPasskeyOptionsRequestSchema,
        response: { 200: passkeyRegistrationOptionsSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      return addPasskeyOptions(deps, contextOf(request));
    },
  );

  app.post(
    '/api/me/passkeys',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Add a passkey (needs a recent step-up)',
        body: addPasskeyRequestSchema,
        response: { 200: credentialChangeResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      return { endedSessions: await addPasskey(deps, contextOf(request), request.body) };
    },
  );

  app.delete(
    '/api/me/passkeys/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Remove one of my passkeys (needs a recent step-up; never the last way to sign in)',
        params: passkeyIdParamsSchema,
        response: { 200: credentialChangeResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      return { endedSessions: await removePasskey(deps, contextOf(request), request.params.id) };
    },
  );

  app.post(
    '/api/me/recovery-codes',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'New recovery codes; the old ones stop working (needs a recent step-up)',
        body: regenerateRecoveryCodesRequestSchema,
        response: { 200: regenerateRecoveryCodesResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      return regenerateRecoveryCodes(deps, contextOf(request), request.body);
    },
  );

  app.post(
    '/api/me/password-totp/start',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Check a new password and set up an authenticator app (officeholders and relatives; step-up)',
        body: passwordTotpStartRequestSchema,
        response: { 200: totpSetupResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      return startPasswordTotp(deps, contextOf(request), request.body);
    },
  );

  app.post(
    '/api/me/password-totp/complete',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the authenticator code and save the password (step-up)',
        body: passwordTotpCompleteRequestSchema,
        response: { 200: credentialChangeResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      return { endedSessions: await completePasswordTotp(deps, contextOf(request), request.body) };
    },
  );

  app.delete(
    '/api/me/password-totp',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Remove password + authenticator app (step-up; never the last way to sign in)',
        response: { 200: credentialChangeResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      return { endedSessions: await removePasswordTotp(deps, contextOf(request)) };
    },
  );
};
