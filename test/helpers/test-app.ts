import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../../src/server/app.ts';
import { type Config, parseConfig } from '../../src/server/config.ts';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import type { MailTransport, OutgoingMail } from '../../src/server/modules/mail/transport.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  testDatabase: TestDatabase;
  config: Config;
  keyring: Keyring;
  /** Every mail the app delivered, oldest first (a local-mode transport that records instead of printing). */
  sentMail: OutgoingMail[];
  close(): Promise<void>;
}

/** A built web app stand-in, so page routes can be tested without running Vite in every test file. */
async function fixtureWebDist(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-web-'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="nl"><head><title>Weerbaar</title></head><body></body></html>',
  );
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log("weerbaar")');
  // The home page's first screen, as vite.config.ts prerenders it (plugins/web-app.ts sends it for `/`).
  await mkdir(path.join(dir, 'first-screens'));
  writeFileSync(
    path.join(dir, 'first-screens', 'home.html'),
    '<!doctype html><html lang="nl"><head><title>Weerbaar</title></head><body><div id="root" data-first-screen><h1>Veiligheidspakket</h1></div></body></html>',
  );
  return dir;
}

/**
 * The app exactly as production builds it (buildApp), on a fresh database with a fresh keyring.
 * `beforeReady` may add test-only routes (e.g. to exercise the error handler) before the app is sealed.
 */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    beforeReady?: (app: FastifyInstance) => void;
    /** Options of the app builder beyond the defaults (e.g. the incidents' fault seam). */
    build?: Partial<BuildAppOptions>;
  } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  // Evidence files go to a directory of this app's own, never into the repository's ./data.
  const evidenceDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-evidence-'));
  // So are the signed audit checkpoints: test apps running side by side, each with its own keys, must not
  // append to one shared log (beside ./data-keys), where each would find the others' checkpoints.
  const checkpointDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-checkpoints-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    EVIDENCE_DIR: evidenceDir,
    AUDIT_CHECKPOINT_FILE: path.join(checkpointDir, 'audit-checkpoints.jsonl'),
    ...options.env,
  });
  const keyring = Keyring.generate();
  const sentMail: OutgoingMail[] = [];
  const mailTransport: MailTransport = {
    local: true,
    deliver: async (mail) => {
      sentMail.push(mail);
    },
  };
  const webDistDir = await fixtureWebDist();
  const app = await buildApp({
    config,
    database: testDatabase.database,
    keyring,
    mailTransport,
    ownsDatabase: false,
    webDistDir,
    logger: false,
    ...options.build,
  });
  const cleanUp = async () => {
    await testDatabase.destroy();
    await rm(webDistDir, { recursive: true, force: true });
    await rm(evidenceDir, { recursive: true, force: true });
    await rm(checkpointDir, { recursive: true, force: true });
  };
  try {
    options.beforeReady?.(app);
    await app.ready();
  } catch (error) {
    await app.close().catch(() => {});
    await cleanUp();
    throw error;
  }
  return {
    app,
    testDatabase,
    config,
    keyring,
    sentMail,
    close: async () => {
      await app.close();
      await cleanUp();
    },
  };
}
