import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { SENSITIVE_FIELD_NAMES } from '../../shared/sensitive.ts';

type JsonObject = { [key: string]: unknown };

/** Every property name in a JSON schema (recursively) that carries `x-sensitive: true`. */
function sensitiveProperties(schema: unknown, found = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return found;
  const object = schema as JsonObject;
  const properties = object.properties as Record<string, JsonObject> | undefined;
  for (const [name, property] of Object.entries(properties ?? {})) {
    if (property?.['x-sensitive'] === true) found.add(name);
  }
  for (const value of Object.values(object)) sensitiveProperties(value, found);
  return found;
}

describe('API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/api/package/parts', '/.well-known/security.txt']),
    );
    const parts = document.paths['/api/package/parts'].get.responses['200'].content['application/json'].schema;
    expect(parts.properties.parts.type).toBe('array');
  });

  it('serves browsable documentation outside production', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('redacts from the logs every field a schema marks sensitive', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const marked = [...sensitiveProperties(document)];
    const notRedacted = marked.filter((name) => !(SENSITIVE_FIELD_NAMES as readonly string[]).includes(name));
    expect(notRedacted).toEqual([]);
  });
});

describe('API documentation in production', () => {
  it('is not browsable, but the JSON document stays available', async () => {
    const t = await createTestApp({ env: { NODE_ENV: 'production', ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true' } });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
