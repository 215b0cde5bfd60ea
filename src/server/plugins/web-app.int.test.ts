import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

describe('serving the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html,*/*' } });

  it('serves the app for its own pages, never cached', async () => {
    for (const url of ['/', '/privacyverklaring', '/toegankelijkheidsverklaring']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<html lang="nl">');
    }
  });

  it('answers an unknown page with 404, still with the app so it can explain', async () => {
    const response = await page('/bestaat-niet');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('answers a part of the package that does not exist with 404, and one that does with 200', async () => {
    expect((await page('/pakket/ondersteuningsteam')).statusCode).toBe(200);
    expect((await page('/pakket/sipa?lang=en')).statusCode).toBe(200);
    for (const url of ['/pakket/bestaat-niet', '/pakket/sipa%2Fx', '/pakket/SIPA']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    }
  });

  it('names the public data a page reads first as preloads, so the browser fetches it with the code', async () => {
    const preloads = (html: string) =>
      [...html.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]*)">/g)].map((m) => m[1]);
    expect(preloads((await page('/')).body)).toEqual(['/api/package/parts']);
    expect(preloads((await page('/pakket/sipa?lang=en')).body)).toEqual(['/api/package/parts/sipa']);
    // Pages without such data, unknown pages and parts that do not exist name nothing.
    for (const url of ['/privacyverklaring', '/bestaat-niet', '/pakket/bestaat-niet', '/pakket/%22%3E%3Cscript%3E']) {
      const response = await page(url);
      expect(preloads(response.body), url).toEqual([]);
      expect(response.body, url).not.toContain('<script>');
    }
  });

  it('sends the home page with its prerendered first screen, and every other page without one', async () => {
    const firstScreen = '<div id="root" data-first-screen><h1>Veiligheidspakket</h1></div>';
    for (const url of ['/', '/?lang=en']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain(firstScreen);
      // Still with the preload of the data the page reads.
      expect(response.body, url).toContain('<link rel="preload" as="fetch" crossorigin href="/api/package/parts">');
    }
    for (const url of ['/privacyverklaring', '/pakket/sipa', '/zelfscan', '/bestaat-niet']) {
      expect((await page(url)).body, url).not.toContain('data-first-screen');
    }
    // Someone signed in would see the visitor's menu change: they get the app without it.
    const signedIn = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { accept: 'text/html', cookie: 'weerbaar_session=any' },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body).not.toContain('data-first-screen');
    expect(signedIn.body).toContain('<link rel="preload" as="fetch" crossorigin href="/api/package/parts">');
  });

  it('answers unknown API paths and non-page requests with problem details', async () => {
    for (const response of [
      await page('/api/bestaat-niet'),
      await t.app.inject({ method: 'GET', url: '/bestaat-niet', headers: { accept: 'application/json' } }),
      await t.app.inject({ method: 'DELETE', url: '/', headers: { accept: 'text/html' } }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    }
  });

  it('caches hashed assets for a year and refuses path tricks', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const traversal = await t.app.inject({ method: 'GET', url: '/assets/..%2f..%2fpackage.json' });
    expect(traversal.statusCode).toBe(404);
    const missing = await t.app.inject({ method: 'GET', url: '/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
  });
});
