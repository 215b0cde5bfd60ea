import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('./locales', import.meta.url));
const locales = readdirSync(root);

function load(locale: string): Map<string, Record<string, unknown>> {
  return new Map(
    readdirSync(path.join(root, locale)).map((file) => [
      file,
      JSON.parse(readFileSync(path.join(root, locale, file), 'utf8')),
    ]),
  );
}

/** Every leaf key path of a catalogue (arrays count as leaves by index). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

describe('message catalogues', () => {
  it('exist for Dutch and English with the same files', () => {
    expect(locales.sort()).toEqual(['en', 'nl']);
    expect([...load('nl').keys()].sort()).toEqual([...load('en').keys()].sort());
  });

  it('have every key in both languages, and no empty text', () => {
    const nl = load('nl');
    const en = load('en');
    for (const [file, messages] of nl) {
      const dutch = keyPaths(messages).sort();
      const english = keyPaths(en.get(file)).sort();
      expect(english, file).toEqual(dutch);
      for (const locale of [nl, en]) {
        const flat = JSON.stringify(locale.get(file));
        expect(flat, file).not.toMatch(/:""/);
      }
    }
  });

  it('do not repeat a top-level key across feature files', () => {
    const seen = new Map<string, string>();
    for (const [file, messages] of load('nl')) {
      for (const key of Object.keys(messages)) {
        expect(seen.get(key), `${key} in ${file} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, file);
      }
    }
  });
});
