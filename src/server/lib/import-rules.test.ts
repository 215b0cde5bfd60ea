import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Foundations point down: src/server/lib is what modules and plugins build on, so nothing in it may
 * import a module, a plugin or the web app (not even a test here). Shared code goes in src/shared;
 * what needs a module belongs in that module, or in the composition next to app.ts.
 */
const LIB = fileURLToPath(new URL('.', import.meta.url));
const SERVER = path.resolve(LIB, '..');
const FORBIDDEN = [path.join(SERVER, 'modules'), path.join(SERVER, 'plugins'), path.resolve(SERVER, '..', 'web')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier of a file: static imports and re-exports, `import()` and `require()`. */
function specifiersOf(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

describe('src/server/lib imports no module, no plugin and no web code', () => {
  // This file itself only holds example imports, in strings.
  const files = sourceFiles(LIB).filter((file) => file !== fileURLToPath(import.meta.url));

  it('finds the files it checks', () => {
    expect(files.map((file) => path.relative(LIB, file))).toEqual(
      expect.arrayContaining(['unit-of-work.ts', 'errors.ts', 'policy.ts', path.join('crypto', 'index.ts')]),
    );
  });

  it('reads every kind of import', () => {
    const source = [
      "import { a } from '../modules/x.ts';",
      "import type { B } from '../plugins/y.ts';",
      "export * from './z.ts';",
      "import './side-effect.ts';",
      "const c = await import('../web/c.ts');",
      'import {\n  d,\n  e,\n} from "../modules/multi-line.ts";',
    ].join('\n');
    expect(specifiersOf(source)).toEqual(
      expect.arrayContaining([
        '../modules/x.ts',
        '../plugins/y.ts',
        './z.ts',
        './side-effect.ts',
        '../web/c.ts',
        '../modules/multi-line.ts',
      ]),
    );
  });

  it('has no import that points into src/server/modules, src/server/plugins or src/web', () => {
    const offences = files.flatMap((file) =>
      specifiersOf(readFileSync(file, 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .filter((specifier) => {
          const target = path.resolve(path.dirname(file), specifier);
          return FORBIDDEN.some((dir) => target === dir || target.startsWith(`${dir}${path.sep}`));
        })
        .map((specifier) => `${path.relative(SERVER, file)} imports ${specifier}`),
    );
    expect(offences).toEqual([]);
  });
});
