import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/locale.ts';
import { PUBLIC_TEXT_FILES } from './text-groups.ts';

/**
 * The catalogue modules (catalogues/<locale>-public.ts and -other.ts) write the public file list out in
 * their globs, because a glob must be literal. These tests keep that list equal to PUBLIC_TEXT_FILES, and
 * check that every feature file lands in exactly one of a language's two modules.
 */
const here = new URL('.', import.meta.url);
const globList = (source: string) => {
  const match = /\{([\w,-]+)\}\.json/.exec(source);
  if (!match?.[1]) throw new Error('no {a,b}.json list in the glob');
  return match[1].split(',');
};

describe('the catalogue modules', () => {
  for (const locale of LOCALES) {
    it(`gather ${locale}'s public texts as PUBLIC_TEXT_FILES says, and every other file once`, async () => {
      const publicSource = readFileSync(new URL(`catalogues/${locale}-public.ts`, here), 'utf8');
      const otherSource = readFileSync(new URL(`catalogues/${locale}-other.ts`, here), 'utf8');
      expect(globList(publicSource).sort()).toEqual([...PUBLIC_TEXT_FILES].sort());
      expect(globList(otherSource).sort()).toEqual(['shell', ...PUBLIC_TEXT_FILES].sort());

      const names = (files: Record<string, unknown>) =>
        Object.keys(files).map((path) => path.replace(/^.*\/|\.json$/g, ''));
      const gathered = [
        ...names((await import(`./catalogues/${locale}-public.ts`)).default),
        ...names((await import(`./catalogues/${locale}-other.ts`)).default),
      ].sort();
      const onDisk = readdirSync(new URL(`locales/${locale}/`, here))
        .filter((file) => file.endsWith('.json') && file !== 'shell.json')
        .map((file) => file.replace(/\.json$/, ''))
        .sort();
      expect(gathered).toEqual(onDisk);
    });
  }
});
