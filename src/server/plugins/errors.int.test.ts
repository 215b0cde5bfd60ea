import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

/** Test-only routes that exercise the error handler the way real modules will. */
function addProbeRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/api/test/echo',
    {
      config: { access: 'public' },
      schema: {
        body: z.object({ email: z.email(), name: z.string().min(1).max(20) }).strict(),
        response: { 200: z.object({ name: z.string() }) },
      },
    },
    async (request) => ({ name: request.body.name }),
  );
  typed.get('/api/test/explode', { config: { access: 'public' } }, async () => {
    throw new Error('relation "secret_table" does not exist at SELECT * FROM people');
  });
  typed.get(
    '/api/test/bad-output',
    { config: { access: 'public' }, schema: { response: { 200: z.object({ count: z.number() }) } } },
    async () => ({ count: 'not a number' }) as unknown as { count: number },
  );
}

describe('error responses are RFC 9457 problem details', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ beforeReady: addProbeRoutes });
  });
  afterAll(() => t.close());

  const expectProblem = (response: { headers: Record<string, unknown>; json: () => unknown }, status: number) => {
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const body = response.json() as Record<string, unknown>;
    expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:weerbaar:problem:/) });
    expect(typeof body.code).toBe('string');
    expect(body.requestId).toBe(response.headers['x-request-id']);
    return body;
  };

  it('answers an unknown API route with a 404 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(response.statusCode).toBe(404);
    expect(expectProblem(response, 404).code).toBe('not_found');
  });

  it('gives field-level errors for invalid input', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { email: 'not-an-address', name: '' },
    });
    expect(response.statusCode).toBe(400);
    const body = expectProblem(response, 400);
    expect(body.code).toBe('validation_failed');
    const fields = (body.errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(['body/email', 'body/name']);
  });

  it('refuses unknown fields', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { email: 'a@example.org', name: 'A', isAdmin: true },
    });
    expect(response.statusCode).toBe(400);
    expect(expectProblem(response, 400).code).toBe('validation_failed');
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(expectProblem(response, 400).code).toBe('invalid_json');
  });

  it('refuses prototype poisoning', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"a@example.org","name":"A","__proto__":{"isAdmin":true}}',
    });
    expect(response.statusCode).toBe(400);
    expectProblem(response, 400);
  });

  it('answers a body that is too large with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { email: 'a@example.org', name: 'x'.repeat(200_000) },
    });
    expect(response.statusCode).toBe(413);
    expect(expectProblem(response, 413).code).toBe('body_too_large');
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a@example.org',
    });
    expect(response.statusCode).toBe(415);
    expectProblem(response, 415);
  });

  it('never shows internals when something breaks', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/explode' });
    expect(response.statusCode).toBe(500);
    const body = expectProblem(response, 500);
    expect(body.code).toBe('internal_error');
    expect(response.body).not.toMatch(/secret_table|SELECT|stack|at \//);
  });

  it('does not send a response that breaks its own schema', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/bad-output' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('not a number');
  });
});
