import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { packagePartResponseSchema } from '../../../shared/package.ts';
import { problemSchema } from '../../../shared/problem.ts';
import { readPackageContent } from './content.ts';

describe('GET /api/package/parts/:slug', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives every part with its page text in Dutch and English, without signing in', async () => {
    for (const content of await readPackageContent()) {
      const response = await t.app.inject({ method: 'GET', url: `/api/package/parts/${content.slug}` });
      expect(response.statusCode, content.slug).toBe(200);
      const { part } = packagePartResponseSchema.parse(response.json());
      expect(part).toEqual({
        slug: content.slug,
        position: content.position,
        title: content.title,
        summary: content.summary,
        body: content.body,
      });
      expect(response.headers['cache-control']).toBe('public, max-age=60');
    }
  });

  it('answers 404 with problem details for a part that does not exist', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/package/parts/bestaat-niet' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemSchema.parse(response.json()).code).toBe('not_found');
  });

  it('refuses a slug that cannot be one, before touching the database', async () => {
    for (const slug of [
      'Hoofdletters',
      "sipa'%20OR%20'1'='1",
      'sipa%3Bdrop%20table%20package_parts',
      '%3Cscript%3E',
      'a'.repeat(81),
      '-sipa',
      'sipa--x',
    ]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/package/parts/${slug}` });
      expect(response.statusCode, slug).toBe(400);
      const problem = problemSchema.parse(response.json());
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors?.[0]?.field).toBe('params/slug');
    }
    // The parts are all still there.
    const list = await t.app.inject({ method: 'GET', url: '/api/package/parts' });
    expect(list.json().parts).toHaveLength(7);
  });

  it('does not accept other methods', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/package/parts/sipa' });
    expect(response.statusCode).toBe(404);
  });
});
