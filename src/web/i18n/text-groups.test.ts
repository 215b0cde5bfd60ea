import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/locale.ts';
import { PUBLIC_TEXT_FILES, textScopeOf } from './text-groups.ts';

describe('which texts a page needs first', () => {
  it('the public pages need only the public texts, when nobody is signed in', () => {
    for (const path of ['/', '/pakket/sipa', '/zoeken', '/zelfscan', '/privacyverklaring', '/bestaat-niet']) {
      expect(textScopeOf(path, false), path).toBe('public');
    }
  });

  it('every other page, and every page of someone signed in (their menu), needs all texts', () => {
    for (const path of ['/inloggen', '/activeren', '/mijn-zaken', '/beheer/personen', '/zelfscan/uitslag']) {
      expect(textScopeOf(path, false), path).toBe('all');
    }
    expect(textScopeOf('/', true)).toBe('all');
  });

  it('names catalogues that exist in every language', () => {
    for (const locale of LOCALES) {
      for (const file of PUBLIC_TEXT_FILES) {
        expect(existsSync(new URL(`./locales/${locale}/${file}.json`, import.meta.url)), `${locale}/${file}`).toBe(
          true,
        );
      }
    }
  });
});
