import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the web build is made from; a change to any of these makes the build stale. */
const WEB_SOURCES = ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

export function webBuildIsStale(root: string, distDir: string): boolean {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return true;
  const builtAt = statSync(index).mtimeMs;
  return WEB_SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

/**
 * `npm start` builds the web assets itself when they are missing or older than their sources, so a
 * fresh clone needs no separate build step. Vite is loaded only then: a deployment that ships a
 * fresh build does not need it installed.
 */
export async function ensureWebBuild(root: string, distDir: string, log: (message: string) => void): Promise<void> {
  if (!webBuildIsStale(root, distDir)) return;
  log('Building the web app (its sources are newer than the last build)…');
  const started = Date.now();
  const { build } = await import('vite');
  // The server itself may run with NODE_ENV=development; the web bundle is always the production build
  // (Vite would otherwise ship React's development runtime).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
