import { count, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { onPostgres } from '../../../../test/helpers/test-database.ts';
import { buildApp } from '../../app.ts';
import { AUTH_RATE_LIMIT } from '../auth/rate-limit.ts';
import { rateLimitWindows } from './db.ts';
import { countRequest, sweepRateLimitWindows } from './store.ts';

/**
 * The request caps count in the database: two apps on one database (two instances) share one count,
 * concurrent requests never lose one, a window ends and starts again, and nothing stores a caller in the
 * clear. (The same across real processes on PostgreSQL: test/integration/several-instances.test.ts.)
 */
describe(`request caps shared through the database (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let second: FastifyInstance;

  beforeAll(async () => {
    t = await createTestApp();
    // A second instance: its own app (and so its own plugin and memory), the same database and keys.
    second = await buildApp({
      config: t.config,
      database: t.testDatabase.database,
      keyring: t.keyring,
      mailTransport: { local: true, deliver: async () => {} },
      ownsDatabase: false,
      logger: false,
    });
    await second.ready();
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const passkeyOptions = (app: FastifyInstance, ip: string) =>
    app.inject({ method: 'POST', url: '/api/auth/passkey/options', payload: {}, remoteAddress: ip });

  it('counts one cap across both instances: the request after the cap is refused on either', async () => {
    const ip = '192.0.2.10';
    const max = AUTH_RATE_LIMIT.max as number;
    for (let i = 0; i < max; i++) {
      const response = await passkeyOptions(i % 2 === 0 ? t.app : second, ip);
      expect(response.statusCode, `request ${i + 1}`).toBe(200);
      expect(Number(response.headers['x-ratelimit-remaining'])).toBe(max - i - 1);
    }
    // Each instance saw only half the cap; a count in process memory would let both answer 200.
    for (const app of [t.app, second]) {
      const refused = await passkeyOptions(app, ip);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    // Another address, and another route, have their own count.
    expect((await passkeyOptions(second, '192.0.2.11')).statusCode).toBe(200);
  });

  it('stores keyed hashes only, never the address', async () => {
    const rows = await t.app.db.select().from(rateLimitWindows);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('192.0.2.');
    expect(JSON.stringify(rows)).not.toContain('/api/auth');
  });

  it('loses no count under concurrent requests', async () => {
    const counts = await Promise.all(
      Array.from({ length: 30 }, () =>
        countRequest(t.app.db, 'concurrent', 60_000, { max: 5, continueExceeding: false }),
      ),
    );
    expect(counts.map((c) => c.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const c of counts) {
      expect(c.ttl).toBeGreaterThan(0);
      expect(c.ttl).toBeLessThanOrEqual(60_000);
    }
  });

  it('starts a new window after the old one ended, and the sweep removes ended windows', async () => {
    const options = { max: 2, continueExceeding: false };
    await countRequest(t.app.db, 'window', 60_000, options);
    expect((await countRequest(t.app.db, 'window', 60_000, options)).current).toBe(2);
    // The window ends (moved back rather than waited for).
    await t.app.db
      .update(rateLimitWindows)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(rateLimitWindows.key, 'window'));
    expect((await countRequest(t.app.db, 'window', 60_000, options)).current).toBe(1);

    await t.app.db
      .update(rateLimitWindows)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(rateLimitWindows.key, 'window'));
    const before = await t.app.db.select({ n: count() }).from(rateLimitWindows);
    expect(await sweepRateLimitWindows(t.app.db)).toBe(1);
    const after = await t.app.db.select({ n: count() }).from(rateLimitWindows);
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) - 1);
    const [gone] = await t.app.db.select().from(rateLimitWindows).where(eq(rateLimitWindows.key, 'window'));
    expect(gone).toBeUndefined();
  });

  it('with continueExceeding, a caller over the cap keeps its window from ending', async () => {
    const options = { max: 1, continueExceeding: true };
    await countRequest(t.app.db, 'persistent', 60_000, options);
    await t.app.db
      .update(rateLimitWindows)
      .set({ expiresAt: sql`now() + interval '1 second'` })
      .where(eq(rateLimitWindows.key, 'persistent'));
    const over = await countRequest(t.app.db, 'persistent', 60_000, options);
    expect(over.current).toBe(2);
    expect(over.ttl).toBeGreaterThan(50_000);
  });
});
