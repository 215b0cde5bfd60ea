import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../../../test/helpers/access-table.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { MissingAccessPolicyError } from './access.ts';

describe('every route declares who may call it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has an access policy on every registered route', () => {
    const routes = t.app.registeredRoutes();
    expect(routes.length).toBeGreaterThan(5);
    const undeclared = routes.filter((route) => route.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('registers exactly the routes of the access table, each with the declared policy', () => {
    const actual = Object.fromEntries(
      t.app
        .registeredRoutes()
        .filter(
          (route) => route.method !== 'HEAD' && !route.url.startsWith('/api/docs') && !route.url.startsWith('/assets'),
        )
        .map((route) => [`${route.method} ${route.url}`, route.access]),
    );
    expect(actual).toEqual(ACCESS_TABLE);
  });
});

describe('a route without an access policy', () => {
  const addUndeclaredRoute = (app: FastifyInstance) => {
    app.get('/api/test/forgotten', async () => ({ secret: true }));
  };

  it('stops the app from starting', async () => {
    await expect(createTestApp({ beforeReady: addUndeclaredRoute })).rejects.toBeInstanceOf(MissingAccessPolicyError);
  });
});

describe('signed-in and role routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      beforeReady: (app) => {
        app.get('/api/test/mine', { config: { access: 'signedIn' } }, async () => ({ ok: true }));
        app.get('/api/test/admin', { config: { access: { roles: ['admin'] } } }, async () => ({ ok: true }));
        app.post('/api/test/admin', { config: { access: { roles: ['admin'] } } }, async () => ({ ok: true }));
      },
    });
  });
  afterAll(() => t.close());

  it('answers 401 to an anonymous caller before looking at the input', async () => {
    for (const request of [
      { method: 'GET' as const, url: '/api/test/mine' },
      { method: 'GET' as const, url: '/api/test/admin' },
      {
        method: 'POST' as const,
        url: '/api/test/admin',
        payload: '{not json',
        headers: { 'content-type': 'application/json' },
      },
    ]) {
      const response = await t.app.inject(request);
      expect(response.statusCode, request.url).toBe(401);
      expect(response.json()).toMatchObject({ code: 'unauthenticated' });
    }
  });
});
