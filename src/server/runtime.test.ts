import { readdirSync, readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The server runs on Node 24 and loads its TypeScript with Node's own type stripping (`node
 * src/server/main.ts`, no loader). `npm test` must run on that Node too: package.json brings it
 * (optionalDependencies node-linux-*), and npm puts node_modules/.bin first on the PATH of its scripts.
 */
const engines = JSON.parse(readFileSync('package.json', 'utf8')).engines.node as string;

function atLeast(version: string, minimum: string): boolean {
  const have = version.replace(/^v/, '').split('.').map(Number);
  const need = minimum.split('.').map(Number);
  for (let index = 0; index < 3; index++) {
    if ((have[index] ?? 0) !== (need[index] ?? 0)) return (have[index] ?? 0) > (need[index] ?? 0);
  }
  return true;
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.split(path.sep).includes('fixtures'))
    .map((file) => path.join(directory, file));
}

describe('the runtime', () => {
  it(`is the Node that package.json names (${engines}); this run: ${process.version}`, () => {
    const minimum = /^>=(\d+\.\d+\.\d+)$/.exec(engines)?.[1];
    expect(minimum, 'engines.node is ">=x.y.z"').toBeDefined();
    expect(atLeast(process.version, minimum ?? '')).toBe(true);
  });

  it('can load every server file without a TypeScript loader (only erasable syntax)', () => {
    const files = [...typeScriptFiles('src/server'), ...typeScriptFiles('src/shared'), ...typeScriptFiles('scripts')];
    expect(files.length).toBeGreaterThan(50);
    const refused: string[] = [];
    for (const file of files) {
      try {
        stripTypeScriptTypes(readFileSync(file, 'utf8'), { mode: 'strip', sourceUrl: file });
      } catch (error) {
        refused.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    // Parameter properties, enums and namespaces need a transform; write them as plain fields and consts.
    expect(refused).toEqual([]);
  });
});
