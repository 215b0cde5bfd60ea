import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { type Config, parseConfig } from '../../src/server/config.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  testDatabase: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** A built web app stand-in, so page routes can be tested without running Vite in every test file. */
function fixtureWebDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-web-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="nl"><title>Weerbaar</title></html>');
  return dir;
}

/**
 * The app exactly as production builds it (buildApp), on a fresh database. `beforeReady` may add
 * test-only routes (e.g. to exercise the error handler) before the app is sealed.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; beforeReady?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const config = parseConfig({ NODE_ENV: 'test', ...options.env });
  const webDistDir = fixtureWebDist();
  await mkdir(path.join(webDistDir, 'assets'), { recursive: true });
  writeFileSync(path.join(webDistDir, 'assets', 'app-abc123.js'), 'console.log("weerbaar")');
  const app = await buildApp({
    config,
    database: testDatabase.database,
    ownsDatabase: false,
    webDistDir,
    logger: false,
  });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    testDatabase,
    config,
    close: async () => {
      await app.close();
      await testDatabase.destroy();
    },
  };
}
