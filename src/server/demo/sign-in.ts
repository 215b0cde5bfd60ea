import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sensitive } from '../../shared/sensitive.ts';
import type { Config } from '../config.ts';
import { contextOf, type ServiceContext } from '../lib/context.ts';
import { AppError, notFound } from '../lib/errors.ts';
import type { UnitOfWork } from '../lib/unit-of-work.ts';
import { people } from '../modules/people/db.ts';
import { setSessionCookie } from '../modules/sessions/cookie.ts';
import { signInClientOf } from '../modules/sessions/plugin.ts';
import { type SignInClient, startSession } from '../modules/sessions/service.ts';
import { hashSecretToken, newSecretToken } from '../modules/sessions/tokens.ts';

/**
 * Demo sign-in links: registered only in demo mode (`npm run demo`, never in production). The demo
 * accounts have no passkey or password, so each gets a link at start that signs in as that account.
 *
 * The tokens live in this process's memory only (never in the database, so a restart or a copied data
 * directory leaves none behind), as SHA-256 hashes. The demo refuses DATABASE_URL, so it is always one
 * process: no other instance needs to know them. A link works until the demo stops, at most
 * DEMO_LINK_TTL_MS: reusable on purpose, so a presenter can switch between accounts. A sign-in ends the
 * session the browser had, creates a fresh one (method `demo_link`, audited) and redirects to `/`.
 * Cross-site requests are refused, so another site cannot sign a visitor in to a demo account.
 */

export const DEMO_LINK_TTL_MS = 12 * 3_600_000;

declare module 'fastify' {
  interface FastifyInstance {
    demoSignIn: {
      /** A sign-in link for this person, valid until the process stops (or the TTL). */
      issueLink(personId: string): string;
    };
  }
}

const querySchema = z.object({ token: sensitive(z.string().min(20).max(100)) });

/**
 * Signs in as a demo account, in one unit of work: the session the browser had ends, a fresh one starts
 * (method `demo_link`, audited). Only an active account; anything else answers 404.
 */
export async function signInWithDemoLink(
  deps: { uow: UnitOfWork; config: Config },
  ctx: ServiceContext,
  client: SignInClient,
  personId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const [person] = await deps.uow.db.select({ status: people.status }).from(people).where(eq(people.id, personId));
  if (person?.status !== 'active') throw notFound('This demo account is not active. Restart npm run demo.');
  return deps.uow.run(ctx, (w) => startSession(w, deps.config, client, personId, 'demo_link'));
}

const demoRoutes: FastifyPluginAsyncZod<{ tokens: Map<string, { personId: string; expiresAt: number }> }> = async (
  app,
  { tokens },
) => {
  const { config } = app;
  app.get(
    '/api/demo/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['demo'],
        summary: 'Demo mode only: sign in as a demo account with the link printed at start',
        querystring: querySchema,
      },
    },
    async (request, reply) => {
      const fetchSite = request.headers['sec-fetch-site'];
      if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
        throw new AppError(403, 'csrf_rejected', 'Forbidden', 'Open the demo link directly, not from another site.');
      }
      const entry = tokens.get(hashSecretToken(request.query.token));
      if (!entry || entry.expiresAt <= Date.now()) {
        throw notFound('This demo link is not valid (any more). Restart npm run demo for new links.');
      }
      const session = await signInWithDemoLink(
        { uow: app.unitOfWork, config },
        contextOf(request),
        signInClientOf(request),
        entry.personId,
      );
      setSessionCookie(reply, config, session.token, session.expiresAt);
      return reply.redirect('/', 303);
    },
  );
};

async function demoSignIn(app: FastifyInstance) {
  const tokens = new Map<string, { personId: string; expiresAt: number }>();
  app.decorate('demoSignIn', {
    issueLink(personId: string) {
      const token = newSecretToken();
      tokens.set(hashSecretToken(token), { personId, expiresAt: Date.now() + DEMO_LINK_TTL_MS });
      return `${app.config.PUBLIC_URL}/api/demo/sign-in?token=${token}`;
    },
  });
  await app.register(demoRoutes, { tokens });
}

/** Register only when config.DEMO_MODE is on (buildApp checks, and never in production). */
export default fp(demoSignIn, { name: 'demo-sign-in', dependencies: ['database', 'sessions', 'unit-of-work'] });
