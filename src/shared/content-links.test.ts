import { describe, expect, it } from 'vitest';
import { classifyLink } from './content-links.ts';
import { isWebPath, matchWebPath, packagePartPath } from './web-paths.ts';

const known = { packageSlugs: ['sipa', 'training'] };

describe('links in content', () => {
  it('accepts pages that exist, https, phone numbers and e-mail addresses', () => {
    expect(classifyLink('/zelfscan', known)).toEqual({ kind: 'internal', path: '/zelfscan' });
    expect(classifyLink('/pakket/sipa', known)).toEqual({ kind: 'internal', path: '/pakket/sipa' });
    expect(classifyLink('https://www.politie.nl/themas/aangifte-doen.html', known)).toMatchObject({ kind: 'external' });
    expect(classifyLink('tel:+31703738314', known)).toEqual({ kind: 'tel', number: '+31703738314' });
    expect(classifyLink('mailto:steunpuntintegriteit@caop.nl', known)).toMatchObject({ kind: 'mailto' });
  });

  it('refuses pages that do not exist and parts that are not in the package', () => {
    expect(classifyLink('/bestaat-niet', known)).toBeNull();
    expect(classifyLink('/pakket/onbekend', known)).toBeNull();
    // Without a list of parts, any well-formed part path is accepted (the browser does not know them all).
    expect(classifyLink('/pakket/onbekend')).toMatchObject({ kind: 'internal' });
  });

  it('refuses every other scheme and odd paths', () => {
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'http://example.org',
      'data:text/html,<script>',
      '//evil.example/x',
      '/zelfscan?x=1',
      '/zelfscan#top',
      '/pakket/../zelfscan',
      '/Zelfscan',
      '\\\\evil',
      'zelfscan',
      'https://user:pw@example.org',
      'https://localhost',
      'tel:070 373',
      'tel:abc',
      'mailto:iemand',
      'mailto:a@b.nl?subject=x',
      '',
      `https://example.org/${'a'.repeat(600)}`,
    ]) {
      expect(classifyLink(href, known), href).toBeNull();
    }
  });
});

describe('web paths', () => {
  it('match pages with their parameters', () => {
    expect(matchWebPath('/pakket/sipa')).toEqual({ name: 'packagePart', params: { slug: 'sipa' } });
    expect(matchWebPath('/zelfscan/uitslag')).toEqual({ name: 'zelfscanResult', params: {} });
    expect(matchWebPath('/pakket')).toBeNull();
    expect(packagePartPath('sipa')).toBe('/pakket/sipa');
  });

  it('treat a malformed escape as an unknown page instead of failing', () => {
    expect(isWebPath('/pakket/%E0')).toBe(false);
    expect(isWebPath('/pakket/sipa?x=%')).toBe(true);
  });
});
