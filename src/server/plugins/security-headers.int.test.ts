import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(' ')[0] ?? '', part.slice(part.indexOf(' ') + 1)]),
  );
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => t.close());

  // Pages, API answers, errors and static files all carry the same protection.
  const urls = ['/', '/api/package/parts', '/api/nope', '/assets/app-abc123.js', '/healthz'];

  it.each(urls)('sets a strict policy on %s', async (url) => {
    const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const policy = directives(csp);
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(String(response.headers['permissions-policy'])).toContain('camera=()');
    expect(String(response.headers['permissions-policy'])).toContain('geolocation=()');
    // Chromium does not know 'bluetooth' and warned about it on every page (issue 12).
    expect(String(response.headers['permissions-policy'])).not.toContain('bluetooth');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends no HSTS when the portal is not served over HTTPS', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps API answers out of caches unless a route says otherwise', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('gives every response its own request id', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/healthz' });
    const second = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });
});

describe('HSTS with an https:// PUBLIC_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://weerbaar.example.nl' } });
  });
  afterAll(() => t.close());

  it('is on every answer, also when TLS ends at a proxy this app was not told to trust', async () => {
    for (const url of ['/healthz', '/api/package/parts', '/api/nope', '/']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
    }
  });
});
