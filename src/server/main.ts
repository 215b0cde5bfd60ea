import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, DEFAULT_WEB_DIST } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { openDatabase } from './db/index.ts';
import { KeyringError, loadKeyring } from './lib/crypto/index.ts';
import { ensureWebBuild } from './lib/web-build.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHUTDOWN_GRACE_MS = 10_000;

/** Starts one process that serves the API and the web app; everything else is in buildApp(). */
async function main() {
  const config = loadConfig();
  await ensureWebBuild(ROOT, DEFAULT_WEB_DIST, (message) => console.log(message));
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(config.DATA_DIR) },
  );
  const { keyring, location, generated } = loadKeyring({
    masterKey: config.MASTER_KEY,
    keyFile: config.KEY_FILE,
    dataDir: path.resolve(config.DATA_DIR),
  });
  const app = await buildApp({ config, database, keyring });
  if (generated) {
    app.log.warn(
      `Generated a new master key in ${location} (mode 0600). Back it up apart from the database: without it the encrypted data cannot be read.`,
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    // If something hangs, leave anyway; the database was opened with durable writes.
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    try {
      await app.close(); // stops listening, waits for in-flight requests, then closes the database
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info(`Weerbaar is running at ${config.PUBLIC_URL} (database: ${database.description})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof KeyringError) {
    console.error(`Weerbaar cannot start. ${error.message}`);
  } else {
    console.error('Weerbaar cannot start:', error);
  }
  process.exit(1);
});
