import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * @fastify/rate-limit is registered once, by plugin.ts, with the database store. A module registering it
 * again would get a cap of its own, counted in that process's memory: per instance, not across them.
 * Routes only declare `config.rateLimit`; importing the plugin's types is fine.
 */
const SERVER = fileURLToPath(new URL('../..', import.meta.url));
const PLUGIN = fileURLToPath(new URL('./plugin.ts', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** A value import of @fastify/rate-limit (not `import type`). */
const VALUE_IMPORT = /import\s+(?!type\b)[^;]*?from\s*['"]@fastify\/rate-limit['"]/;

describe('@fastify/rate-limit is registered in one place', () => {
  it('recognises a value import, and not a type import', () => {
    expect(VALUE_IMPORT.test("import rateLimit from '@fastify/rate-limit';")).toBe(true);
    expect(VALUE_IMPORT.test("import type { RateLimitOptions } from '@fastify/rate-limit';")).toBe(false);
  });

  it('only modules/rate-limit/plugin.ts imports the plugin itself', () => {
    const importers = sourceFiles(SERVER).filter((file) => VALUE_IMPORT.test(readFileSync(file, 'utf8')));
    expect(importers.map((file) => path.relative(SERVER, file))).toEqual([path.relative(SERVER, PLUGIN)]);
  });
});
