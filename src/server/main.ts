import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, DEFAULT_WEB_DIST } from './app.ts';
import { type ControlSocket, serveEmbeddedBackups } from './backup/control-socket.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { type Database, openDatabase } from './db/index.ts';
import { type Keyring, KeyringError, type LoadedKeyring, loadKeyring } from './lib/crypto/index.ts';
import { fileClock } from './lib/test-clock.ts';
import { ensureWebBuild } from './lib/web-build.ts';
import { ensureSetupInvitation, setupLinkBanner } from './modules/people/first-start.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHUTDOWN_GRACE_MS = 10_000;

/** The database the configuration names: PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR (locked). */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL, startupWaitMs: config.DATABASE_STARTUP_WAIT_SECONDS * 1000 }
      : { kind: 'pglite', dataDir: path.resolve(config.DATA_DIR) },
  );
}

/** The keys the configuration names: MASTER_KEY, KEY_FILE, or the key file beside DATA_DIR (made on first start). */
export function loadConfiguredKeyring(config: Config, options: { create?: boolean } = {}): LoadedKeyring {
  return loadKeyring({
    masterKey: config.MASTER_KEY,
    keyFile: config.KEY_FILE,
    dataDir: path.resolve(config.DATA_DIR),
    ...options,
  });
}

export interface StartOptions {
  /** Defaults to loadConfig(): the environment and an optional .env file. */
  config?: Config;
  /** Runs when the app is ready, before it listens (the demo seeds its accounts here). */
  beforeListen?: (app: FastifyInstance, deps: { config: Config; keyring: Keyring }) => Promise<void>;
  /** Runs once the server listens. */
  afterListen?: (app: FastifyInstance, deps: { config: Config; keyring: Keyring }) => Promise<void>;
}

/** Starts one process that serves the API and the web app; everything else is in buildApp(). */
export async function start(options: StartOptions = {}): Promise<FastifyInstance> {
  const config = options.config ?? loadConfig();
  await ensureWebBuild(ROOT, DEFAULT_WEB_DIST, (message) => console.log(message));
  const database = await openConfiguredDatabase(config);
  const { keyring, location, generated, warning } = loadConfiguredKeyring(config);
  const app = await buildApp({
    config,
    database,
    keyring,
    ...(config.TEST_CLOCK_FILE ? { now: fileClock(config.TEST_CLOCK_FILE) } : {}),
  });
  if (warning) app.log.warn(warning);
  if (generated) {
    app.log.warn(
      `Generated a new master key in ${location} (mode 0600). Back it up apart from the database: without it the encrypted data cannot be read.`,
    );
  }

  let closing = false;
  let controlSocket: ControlSocket | null = null;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ processSignal: signal }, 'shutting down: no new connections, finishing requests in flight');
    // If something hangs, leave anyway; the database was opened with durable writes.
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    try {
      await controlSocket?.close();
      await app.close(); // stops listening, waits for in-flight requests, then closes the database
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.ready();
  await options.beforeListen?.(app, { config, keyring });
  await app.listen({ host: config.HOST, port: config.PORT });
  // `npm run cli -- backup` while this process holds the embedded database asks it for the dump.
  controlSocket = await serveEmbeddedBackups(database, config.DATA_DIR, app.log).catch((error: unknown) => {
    app.log.error({ err: error }, 'no backups while running: the control socket could not be opened');
    return null;
  });
  app.log.info(
    { node: process.version },
    `Weerbaar is running at ${config.PUBLIC_URL} (database: ${database.description}; Node ${process.version})`,
  );

  // No active admin yet: print a one-time setup link (on the console only; never through the logger).
  const setup = await ensureSetupInvitation({ uow: app.unitOfWork, config, keyring });
  if (setup) process.stdout.write(`${setupLinkBanner(setup)}\n`);

  await options.afterListen?.(app, { config, keyring });
  return app;
}

/** The one message a failed start prints, for `npm start` and `npm run demo`. */
export function exitWithStartError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof KeyringError) {
    console.error(`Weerbaar cannot start. ${error.message}`);
  } else {
    console.error('Weerbaar cannot start:', error);
  }
  process.exit(1);
}

/** True when this file is the script node was started with (not when another module imports it). */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

if (isEntryPoint(import.meta.url)) {
  start().catch(exitWithStartError);
}
