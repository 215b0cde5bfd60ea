import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OIDC_START_PATH, oidcCallbackQuerySchema, oidcStatusResponseSchema } from '../../../shared/auth.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { contextOf } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { setSessionCookie } from '../sessions/cookie.ts';
import { authClientOf, authDepsOf } from './deps.ts';
import { OIDC_CALLBACK_PATH, OidcClient, oidcSettingsOf } from './oidc-client.ts';
import { finishOidcSignIn, type OidcDeps, startOidcSignIn } from './oidc-service.ts';
import { clearOidcStateCookie, pendingSignInOf, setOidcStateCookie } from './oidc-state.ts';
import { AUTH_RATE_LIMIT } from './rate-limit.ts';

/**
 * "Sign in with your organisation" (OpenID Connect, oidc-service.ts). Both legs are full-page
 * navigations: start sends the browser to the provider, the callback signs in and sends it to the home
 * page — or, when refused, back to the sign-in page with `?oidc=<problem code>`, which the page shows.
 * Without OIDC_ISSUER the status says `enabled: false` and the other two answer 404.
 */
export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  const settings = oidcSettingsOf(app.config);
  const deps: OidcDeps | null = settings
    ? { ...authDepsOf(app), oidc: new OidcClient(settings, () => app.unitOfWork.now()) }
    : null;

  app.get(
    '/api/auth/oidc',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether staff can sign in with their organisation (OpenID Connect) here',
        response: { 200: oidcStatusResponseSchema },
      },
    },
    async () => ({ enabled: deps !== null }),
  );

  app.get(
    OIDC_START_PATH,
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: "Staff: start signing in with the organisation's identity provider (redirects there)",
      },
    },
    async (_request, reply) => {
      if (!deps) throw notFound();
      const { url, pending } = await startOidcSignIn(deps);
      setOidcStateCookie(reply, app.config, app.keyring, pending, app.unitOfWork.now());
      return reply.header('Cache-Control', 'no-store').redirect(url.href, 302);
    },
  );

  app.get(
    OIDC_CALLBACK_PATH,
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: "Staff: the identity provider's answer; signs in and redirects to the app",
        querystring: oidcCallbackQuerySchema,
      },
    },
    async (request, reply) => {
      if (!deps) throw notFound();
      const pending = pendingSignInOf(request, app.keyring, request.query.state, app.unitOfWork.now());
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      clearOidcStateCookie(reply, app.config);
      reply.header('Cache-Control', 'no-store');
      try {
        const session = await finishOidcSignIn(
          deps,
          contextOf(request),
          authClientOf(request),
          new URL(`${deps.oidc.settings.redirectUri}${search}`),
          pending,
        );
        setSessionCookie(reply, app.config, session.token, session.expiresAt);
        return reply.redirect(WEB_PATHS.home, 303);
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('oidc_')) {
          return reply.redirect(`${WEB_PATHS.signIn}?oidc=${encodeURIComponent(error.code)}`, 303);
        }
        throw error;
      }
    },
  );
};
