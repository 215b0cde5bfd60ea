import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { databaseRateLimitStore, sweepRateLimitWindows } from './store.ts';

export const RATE_LIMIT_SWEEP_JOB = 'rate-limit.sweep';

/**
 * @fastify/rate-limit, registered once for the whole app and counting in the database (store.ts), so the
 * caps hold across every instance on it. Nothing is capped by default (`global: false`): a route asks with
 * `config: { rateLimit: { max, timeWindow, keyGenerator? } }` (AUTH_RATE_LIMIT, PDF_RATE_LIMIT, …).
 * Registered before any route, because it attaches itself to each route as the route is added; modules
 * must not register the plugin again (each registration counts on its own, in memory).
 */
async function rateLimitPlugin(app: FastifyInstance) {
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(app.db, app.keyring) });
  // Ended windows are reused by their key's next request; this removes those of callers who went away.
  app.jobs.register({
    name: RATE_LIMIT_SWEEP_JOB,
    cron: '*/15 * * * *',
    handler: async () => void (await sweepRateLimitWindows(app.db)),
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['database', 'keyring', 'jobs'] });
