import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { type PackageSearchResponse, packageSearchResponseSchema } from '../../../shared/package.ts';
import { problemSchema } from '../../../shared/problem.ts';

describe('GET /api/package/search', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function search(q: string, locale?: string): Promise<PackageSearchResponse> {
    const query = new URLSearchParams({ q, ...(locale ? { locale } : {}) });
    const response = await t.app.inject({ method: 'GET', url: `/api/package/search?${query}` });
    expect(response.statusCode, q).toBe(200);
    return packageSearchResponseSchema.parse(response.json());
  }
  const slugs = (response: PackageSearchResponse) => response.results.map((result) => result.slug);

  it('finds a part by a word in its title first, without signing in', async () => {
    const response = await search('aangifte');
    expect(response.locale).toBe('nl');
    expect(slugs(response)[0]).toBe('aangifte-melden-schade');
    // Other parts mention aangifte in their text, ranked below.
    expect(slugs(response).length).toBeGreaterThan(1);
  });

  it('matches word forms and the start of words (Dutch stemming, prefixes)', async () => {
    expect(slugs(await search('aangiftes'))).toContain('aangifte-melden-schade');
    expect(slugs(await search('woning'))[0]).toBe('woningscan-en-zelfscan');
    expect(slugs(await search('integriteitsonderzoek'))[0]).toBe('sipa');
  });

  it('searches both languages, and quotes in the requested one', async () => {
    const english = await search('doxing', 'en');
    expect(slugs(english)[0]).toBe('aangifte-melden-schade');
    const quote = english.results[0]?.snippet ?? [];
    expect(quote.some((segment) => segment.match && /doxing/i.test(segment.text))).toBe(true);
    expect(quote.map((segment) => segment.text).join('')).toMatch(/criminal offence|personal details/);

    // An English word while reading Dutch still finds the part; the quote stays Dutch.
    const crossed = await search('aftercare', 'nl');
    expect(slugs(crossed)[0]).toBe('debriefing-en-nazorg');
    expect(crossed.results[0]?.title).toEqual({
      nl: 'Debriefing en nazorg na een incident',
      en: 'Debriefing and aftercare after an incident',
    });
    expect(crossed.results[0]?.snippet.map((segment) => segment.text).join('')).toMatch(/incident/);
  });

  it('needs every word to match, and gives the same order every time', async () => {
    const both = await search('ondersteuningsteam gezin');
    expect(slugs(both)).toEqual(slugs(await search('ondersteuningsteam gezin')));
    expect(slugs(await search('sipa zzzonbekendzzz'))).toEqual([]);
  });

  it('returns no results, not an error, for words it does not know or only stop words', async () => {
    expect((await search('xylofoonquiz')).results).toEqual([]);
    expect((await search('de het een')).results).toEqual([]);
  });

  it('treats query syntax and injection-like input as plain text', async () => {
    for (const q of [
      "' OR 1=1 --",
      "sipa'); DROP TABLE package_parts; --",
      'aangifte & | ! ( ) :* <->',
      '<script>alert(1)</script>',
      '%_%',
      '\\\\',
      '"sipa"',
      '((((((((((((((((((((a',
      'a'.repeat(100),
      'ünïcödé ✓ 𝔘',
    ]) {
      const response = await search(q);
      expect(response.query).toBe(q.trim());
    }
    expect(slugs(await search("sipa'); DROP TABLE package_parts; --"))).toEqual([]);
    expect(slugs(await search('"sipa"'))[0]).toBe('sipa');
    // The LIKE wildcards are escaped: "%_%" is not "anything".
    expect((await search('%_%')).results).toEqual([]);
    // And the data is untouched.
    const list = await t.app.inject({ method: 'GET', url: '/api/package/parts' });
    expect(list.json().parts).toHaveLength(7);
  });

  it('refuses a missing, too short or too long query and an unknown language', async () => {
    for (const url of [
      '/api/package/search',
      '/api/package/search?q=',
      '/api/package/search?q=a',
      '/api/package/search?q=%20%20%20a%20',
      `/api/package/search?q=${'a'.repeat(101)}`,
      '/api/package/search?q=sipa&locale=de',
      '/api/package/search?q=sipa&q=aangifte',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(problemSchema.parse(response.json()).code).toBe('validation_failed');
    }
  });

  it('sends snippets as plain segments, never markup', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/package/search?q=politie' });
    expect(response.body).not.toMatch(/<b>|\uE000|\uE001/);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
  });
});
