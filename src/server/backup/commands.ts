import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { auditCheckpointFileOf, type Config } from '../config.ts';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.ts';
import { appliedMigrationMillis, type Db, dumpConsistently, openDatabase, pgliteDirectory } from '../db/index.ts';
import { latestMigrationMillis } from '../db/migrations.ts';
import { defaultKeyFilePath, type Keyring } from '../lib/crypto/index.ts';
import { bindAuditKeyring } from '../modules/audit/key.ts';
import { assertAuditKey, backupCheckpoint, copyCheckpointLog, installCheckpointLog } from './checkpoints.ts';
import { requestDump } from './control-socket.ts';
import {
  BACKUP_FORMAT,
  BackupError,
  type BackupManifest,
  checkedDumpFile,
  readManifest,
  sha256OfFile,
  writeManifest,
} from './manifest.ts';
import { appliedMigrationOf, dumpPostgres, restorePostgres } from './postgres.ts';
import { checkRestoredDatabase } from './verify.ts';

/**
 * `npm run cli -- backup <folder>` and `restore <folder>` (README, Operations). A backup holds the
 * database and a copy of the signed audit checkpoints (checkpoints.ts), never the keys; a restore goes
 * into an empty place, migrates the data forward and then checks it: the audit chains against the
 * backup's latest checkpoint, and that every encrypted value is under a key the keyring has.
 */

export interface BackupIo {
  out(line: string): void;
  err(line: string): void;
}

export interface BackupEnv {
  config: Config;
  keyring: Keyring;
  /** Where the keys came from (MASTER_KEY or a key file), for the reminder to back them up apart. */
  keyLocation: string;
  io: BackupIo;
}

export async function backupCommand(env: BackupEnv, folderArgument: string | undefined): Promise<number> {
  if (!folderArgument) {
    env.io.err('Usage: npm run cli -- backup <folder>   (a new or empty folder)');
    return 2;
  }
  const folder = path.resolve(folderArgument);
  prepareEmptyFolder(folder, env.config);
  const { config } = env;
  // The checkpoints first: each of them is then older than the dump, which must reach the latest.
  const checkpoints = await copyCheckpointLog(auditCheckpointFileOf(config), folder, env.keyring);
  if (checkpoints.warning) env.io.err(`Warning: ${checkpoints.warning}`);
  let file: string;
  let migration: number;
  if (config.DATABASE_URL) {
    file = path.join(folder, 'database.pgdump');
    await dumpPostgres(config.DATABASE_URL, file, config.PG_BIN_DIR);
    migration = await appliedMigrationOf(config.DATABASE_URL);
  } else {
    const dump = await dumpEmbedded(config.DATA_DIR, env.io);
    file = path.join(folder, 'database.tar.gz');
    writeFileSync(file, dump.bytes, { mode: 0o600, flag: 'wx' });
    migration = dump.migration;
  }
  const bytes = readFileSync(file).length;
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    database: config.DATABASE_URL ? 'postgres' : 'pglite',
    file: path.basename(file),
    bytes,
    sha256: await sha256OfFile(file),
    migration,
    keyIds: env.keyring.kids,
    ...checkpoints.manifest,
  };
  writeManifest(folder, manifest);
  env.io.out(`Backup written to ${folder} (${(bytes / 1_000_000).toFixed(1)} MB, ${manifest.database}).`);
  env.io.out(
    `It holds no keys. Reading it needs the keys ${manifest.keyIds.join(', ')} from ${env.keyLocation}: ` +
      'keep a copy of those apart from this backup (another place, not the same disk or bucket).',
  );
  return 0;
}

/** The backup folder: new or empty, and not inside the data directory or the key folder. */
function prepareEmptyFolder(folder: string, config: Config): void {
  const inside = (parent: string) => {
    const relative = path.relative(path.resolve(parent), folder);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  };
  if (!config.DATABASE_URL && inside(config.DATA_DIR)) {
    throw new BackupError(`Put the backup outside the data directory ${path.resolve(config.DATA_DIR)}.`);
  }
  for (const keyFile of [config.KEY_FILE, defaultKeyFilePath(config.DATA_DIR)]) {
    if (keyFile && inside(path.dirname(keyFile))) {
      throw new BackupError(
        `Put the backup outside the key folder ${path.dirname(keyFile)}: keys and backups stay apart.`,
      );
    }
  }
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new BackupError(`${folder} is not empty; give a new or empty folder.`);
  }
  mkdirSync(folder, { recursive: true, mode: 0o700 });
}

/** A consistent dump of the embedded database: from the server that holds it, or opened here. */
async function dumpEmbedded(dataDir: string, io: BackupIo): Promise<{ bytes: Buffer; migration: number }> {
  const directory = pgliteDirectory(dataDir);
  if (!existsSync(directory)) throw new BackupError(`There is no database in ${path.resolve(dataDir)}.`);
  let lock: ReturnType<typeof lockDataDir>;
  try {
    lock = lockDataDir(path.resolve(dataDir));
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    io.out(`The server (pid ${error.owner.pid}) holds ${error.dataDir}; asking it for the dump.`);
    return requestDump(dataDir);
  }
  const client = new PGlite(directory);
  try {
    await client.waitReady;
    const migration = await appliedMigrationMillis(drizzle(client) as unknown as Db);
    const blob = await dumpConsistently(client);
    return { bytes: Buffer.from(await blob.arrayBuffer()), migration };
  } finally {
    await client.close();
    lock.release();
  }
}

export async function restoreCommand(env: BackupEnv, folderArgument: string | undefined): Promise<number> {
  if (!folderArgument) {
    env.io.err('Usage: npm run cli -- restore <backup folder>   (into an empty DATA_DIR or DATABASE_URL)');
    return 2;
  }
  const folder = path.resolve(folderArgument);
  const manifest = readManifest(folder);
  const file = await checkedDumpFile(folder, manifest);
  const { config, keyring, io } = env;
  if (manifest.migration > latestMigrationMillis()) {
    throw new BackupError('This backup was made by a newer Weerbaar (its schema is ahead of this one): upgrade first.');
  }
  const missingKeys = manifest.keyIds.filter((kid) => !keyring.kids.includes(kid));
  if (missingKeys.length === manifest.keyIds.length) {
    throw new BackupError(
      `The keys here (${keyring.kids.join(', ')}) include none of the backup's (${manifest.keyIds.join(', ')}). ` +
        'Restore with the key file or MASTER_KEY of that time (KEY_FILE=… or MASTER_KEY=…).',
    );
  }
  assertAuditKey(manifest, keyring);
  const checkpoint = await backupCheckpoint(folder, manifest, keyring);
  if (manifest.database === 'postgres') {
    if (!config.DATABASE_URL) {
      throw new BackupError('This is a PostgreSQL backup: set DATABASE_URL to a new, empty database.');
    }
    await restorePostgres(config.DATABASE_URL, file, config.PG_BIN_DIR);
  } else {
    if (config.DATABASE_URL) {
      throw new BackupError('This is a backup of the embedded database: unset DATABASE_URL and set DATA_DIR.');
    }
    await restoreEmbedded(config.DATA_DIR, file);
  }
  io.out(`Restored ${manifest.database} backup of ${manifest.createdAt}; applying newer migrations and checking.`);

  // Opened as the server opens it: newer migrations apply now.
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(config.DATA_DIR) },
  );
  bindAuditKeyring(database.db, keyring);
  try {
    const check = await checkRestoredDatabase(database.db, keyring, checkpoint);
    let healthy = true;
    if (check.audit.intact) {
      const reached = checkpoint ? `, every chain reaches the backup's checkpoint #${checkpoint.n}` : '';
      io.out(`Audit trail intact: ${check.audit.checked} entries checked${reached}.`);
      if (!checkpoint) io.err('Warning: the backup carries no audit checkpoint; a cut-off tail cannot be ruled out.');
      const installed = installCheckpointLog(folder, manifest, auditCheckpointFileOf(config));
      if (installed) io.out(installed);
    } else {
      healthy = false;
      io.err(`Audit trail BROKEN at ${check.audit.brokenAt} (${check.audit.checked} entries checked).`);
    }
    if (check.encrypted.unreadable === 0) {
      io.out(`Encrypted values: ${check.encrypted.checked}, every one under a key this keyring has.`);
    } else {
      healthy = false;
      io.err(
        `${check.encrypted.unreadable} of ${check.encrypted.checked} encrypted values are under keys this keyring ` +
          `lacks (${check.encrypted.missingKeyIds.join(', ')}): add those keys (KEY_FILE or MASTER_KEY) before starting.`,
      );
    }
    return healthy ? 0 : 1;
  } finally {
    await database.close();
  }
}

async function restoreEmbedded(dataDir: string, file: string): Promise<void> {
  const resolved = path.resolve(dataDir);
  mkdirSync(resolved, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(resolved);
  try {
    const directory = pgliteDirectory(resolved);
    if (existsSync(directory) && readdirSync(directory).length > 0) {
      throw new BackupError(
        `${resolved} already holds a database. Restore into a new DATA_DIR, or move this one aside first.`,
      );
    }
    const client = new PGlite(directory, { loadDataDir: new Blob([readFileSync(file)]) });
    await client.waitReady;
    await client.close();
  } finally {
    lock.release();
  }
}
