import { emailSchema } from '../shared/admin.ts';
import { backupCommand, restoreCommand } from './backup/commands.ts';
import { BackupError } from './backup/manifest.ts';
import { auditCheckpointFileOf, type Config, ConfigError, loadConfig, parseConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import type { Database, Db } from './db/index.ts';
import { encryptedColumnRegistry } from './encrypted-columns.ts';
import { systemContext } from './lib/context.ts';
import { generateMasterKeyEntry, type Keyring, KeyringError } from './lib/crypto/index.ts';
import { type EncryptedColumn, type RewrapReport, rewrapAll } from './lib/encrypted-columns.ts';
import { AppError } from './lib/errors.ts';
import { UnitOfWork } from './lib/unit-of-work.ts';
import { isEntryPoint, loadConfiguredKeyring, openConfiguredDatabase } from './main.ts';
import type { BreakReason } from './modules/audit/chain.ts';
import { checkpointPublicKey, parseCheckpointLog, readCheckpointFile } from './modules/audit/checkpoints.ts';
import { bindAuditKeyring } from './modules/audit/key.ts';
import { verifyAuditChain } from './modules/audit/verify.ts';
import { deliverPending } from './modules/mail/service.ts';
import { createMailTransport } from './modules/mail/transport.ts';
import { createAdmin } from './modules/people/create-admin.ts';

/**
 * `npm run cli -- <command>`: maintenance commands, run next to (or instead of) the server. Each opens
 * the database and the keys exactly as `npm start` does (config.ts, main.ts): the embedded database in
 * DATA_DIR is locked by a running server, so stop it first; with DATABASE_URL the server may keep running.
 * Every command is an exported function taking an opened environment, so tests call them directly.
 */

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliEnv {
  db: Db;
  config: Config;
  keyring: Keyring;
  io: CliIo;
}

export const HELP = `Weerbaar command line — npm run cli -- <command>

  create-admin <email>   Invite an admin (or give an existing account the admin role) and print the
                         activation link. Stop the server first when it uses the embedded database.
  audit:verify           Recompute the audit trail's keyed chains and check them against the latest
                         signed checkpoint; exit code 1 when an entry was altered, deleted or cut off.
                         --checkpoints <file>: another copy of the log (e.g. from the external sink);
                         --no-checkpoint: pass without any checkpoint (a cut-off tail goes unnoticed).
  keys:rotate            Add a new key-encryption key (key file only) and re-wrap every encrypted value
                         under it. Safe to interrupt; finish with keys:rewrap.
  keys:rewrap            Re-wrap every encrypted value still under an older key (resume a rotation, or
                         after a new current key was added to MASTER_KEY).
  keys:generate          Print a new MASTER_KEY entry (<kid>:<key>) for rotating keys kept in MASTER_KEY.
  backup <folder>        Write a consistent backup of the database (no keys) into a new or empty folder.
                         The embedded database may stay in use: the running server makes the dump.
  restore <folder>       Restore a backup into an empty DATA_DIR (or the empty database in DATABASE_URL),
                         migrate it forward, and check the audit trail and that the keys open every value.
  help                   This text.

Configuration comes from the environment and .env, as for npm start (DATA_DIR, DATABASE_URL, MASTER_KEY, …).`;

/**
 * The unit of work of a command (there is no app here): one transaction per change, no job runner, and
 * mail delivered after the commit only with a mail server. In local mode a mail waits in the outbox
 * (admin page), and the server prints it on the console when it starts.
 */
export function commandUnitOfWork(env: CliEnv): UnitOfWork {
  return new UnitOfWork({
    db: env.db,
    log: { error: (_detail, message) => env.io.err(message ?? 'An effect after the change failed.') },
    jobs: null,
    flushMail: async () => {
      if (env.config.SMTP_URL) await deliverPending(env.db, env.keyring, createMailTransport(env.config));
    },
    now: () => new Date(),
  });
}

// ---------------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------------

export async function createAdminCommand(env: CliEnv, rawEmail: string | undefined): Promise<number> {
  const parsed = emailSchema.safeParse(rawEmail ?? '');
  if (!parsed.success) {
    env.io.err('Usage: npm run cli -- create-admin <email>   (a valid e-mail address)');
    return 2;
  }
  let result: Awaited<ReturnType<typeof createAdmin>>;
  try {
    const deps = { uow: commandUnitOfWork(env), config: env.config, keyring: env.keyring };
    result = await createAdmin(deps, systemContext(), parsed.data);
  } catch (error) {
    if (error instanceof AppError) {
      env.io.err(error.detail ?? error.title);
      return 1;
    }
    throw error;
  }
  const email = parsed.data.trim().toLowerCase();
  switch (result.outcome) {
    case 'already_admin':
      env.io.out(`${email} is already an active admin. Nothing changed.`);
      break;
    case 'granted':
      env.io.out(`${email} now has the admin role; they sign in as before.`);
      break;
    case 'invited':
    case 'reinvited':
      env.io.out(
        result.outcome === 'invited'
          ? `Invited ${email} as admin.`
          : `${email} was already invited; this new link replaces the previous one.`,
      );
      env.io.out('One-time activation link (give it to them over a trusted channel):');
      env.io.out(`  ${result.link}`);
      env.io.out(`It works once, until ${result.expiresAt.toISOString()}.`);
      break;
  }
  return 0;
}

/**
 * `audit:verify [--checkpoints <file>] [--no-checkpoint]`: recomputes every chain with the keys and checks
 * it against the latest signed checkpoint (the configured log, or a copy from the external sink). Without
 * any checkpoint a cut-off tail cannot be ruled out, so that fails too unless --no-checkpoint says so.
 */
export async function auditVerifyCommand(env: CliEnv, args: readonly string[] = []): Promise<number> {
  const fileIndex = args.indexOf('--checkpoints');
  const file = fileIndex >= 0 ? args[fileIndex + 1] : auditCheckpointFileOf(env.config);
  if (
    !file ||
    args.some((arg, index) => arg.startsWith('--') && !AUDIT_VERIFY_FLAGS.has(arg) && index !== fileIndex + 1)
  ) {
    env.io.err('Usage: npm run cli -- audit:verify [--checkpoints <file>] [--no-checkpoint]');
    return 2;
  }
  const text = readCheckpointFile(file);
  const log = text === null ? null : parseCheckpointLog(text, checkpointPublicKey(env.keyring));
  if (log?.problem) {
    env.io.err(`Checkpoint log ${file} is not intact: ${log.problem}. Compare it with the copy at the external sink.`);
    return 1;
  }
  const checkpoint = log?.checkpoints[log.checkpoints.length - 1] ?? null;
  const result = await verifyAuditChain(env.db, { checkpoint });
  if (result.firstBreak) {
    const { chain, seq, reason } = result.firstBreak;
    const where = chain === null ? `entry seq ${seq} (from before keying)` : `chain ${chain}, position ${seq}`;
    const old = result.legacy.brokenBeforeKeying ? ' It was already broken when the chains were keyed.' : '';
    env.io.err(`Audit trail BROKEN at ${where}: ${describeBreak(reason)}. ${result.checked} entries checked.${old}`);
    return 1;
  }
  const legacy =
    result.legacy.rows > 0 ? ` (${result.legacy.rows} from before keying, pinned by audit.chain_keyed)` : '';
  env.io.out(`Audit trail intact: ${result.checked} entries checked in ${result.heads.length} chains${legacy}.`);
  if (checkpoint) {
    env.io.out(
      `Every chain reaches signed checkpoint #${checkpoint.n} of ${checkpoint.at} (${file}); ` +
        `${result.afterCheckpoint} entries written after it are not anchored yet.`,
    );
    env.io.out(`Checkpoint signing key (Ed25519, public): ${checkpoint.key}`);
    return 0;
  }
  if (result.checked === 0) return 0;
  const warning = `No checkpoint log at ${file}: a cut-off tail cannot be ruled out.`;
  if (args.includes('--no-checkpoint')) {
    env.io.err(`Warning: ${warning}`);
    return 0;
  }
  env.io.err(
    `${warning} Pass --checkpoints <file> (e.g. a copy from the external sink), or --no-checkpoint to accept.`,
  );
  return 1;
}

const AUDIT_VERIFY_FLAGS = new Set(['--checkpoints', '--no-checkpoint']);

function describeBreak(reason: BreakReason): string {
  switch (reason) {
    case 'missing_row':
      return 'missing_row (an entry was deleted)';
    case 'content_changed':
      return 'content_changed (an entry was altered)';
    case 'link_broken':
      return 'link_broken (an entry was replaced, moved or inserted)';
    case 'truncated':
      return 'truncated (entries the latest signed checkpoint saw are gone: the tail was cut off)';
    case 'checkpoint_mismatch':
      return 'checkpoint_mismatch (the entries at the checkpointed positions are not the ones it saw: the chain was rebuilt)';
    case 'legacy_unanchored':
      return 'legacy_unanchored (unkeyed entries that no keyed audit.chain_keyed entry pins)';
    case 'legacy_changed':
      return 'legacy_changed (entries from before keying differ from what audit.chain_keyed pinned)';
  }
}

export const MASTER_KEY_ROTATION_HELP = `The keys come from MASTER_KEY, which this command cannot change. To rotate them:
  1. npm run cli -- keys:generate        prints a new entry, e.g. k2:<key>
  2. On every instance, add it to MASTER_KEY marked current with *, keeping the old key:
       MASTER_KEY=k1:<old key>,*k2:<new key>      (a single bare key is k0: k0:<old key>,*k2:<new key>)
  3. Restart every instance, so all of them can read the new key.
  4. npm run cli -- keys:rewrap          re-wraps every encrypted value under the new key (safe to interrupt
                                          and run again)
  5. When keys:rewrap reports nothing left, drop the old key; if it was the first key listed, keep its value
     as index:<old key>, or every keyed hash (IP hashes, look-ups) changes.`;

interface RewrapCommandOptions {
  columns?: readonly EncryptedColumn[];
  /** Stop after this many rewraps (tests; a real run goes on to the end). */
  limit?: number;
}

export async function keysRotateCommand(env: CliEnv, options: RewrapCommandOptions = {}): Promise<number> {
  const source = env.keyring.source;
  if (source.kind === 'env') {
    env.io.err(MASTER_KEY_ROTATION_HELP);
    return 1;
  }
  if (env.config.DATABASE_URL) {
    env.io.out(
      'Note: running instances know the new key only after a restart. Stop them first, or restart them as soon as ' +
        'this finishes (until then they cannot read values re-wrapped under the new key).',
    );
  }
  const kid = env.keyring.addKey();
  env.io.out(
    `New key "${kid}" is now current${source.kind === 'file' ? ` (saved in ${source.path}; back up this file)` : ''}.`,
  );
  env.io.out('Re-wrapping every encrypted value. Interrupted? Run keys:rewrap to finish (not keys:rotate again).');
  return rewrapAndReport(env, options);
}

export async function keysRewrapCommand(env: CliEnv, options: RewrapCommandOptions = {}): Promise<number> {
  env.io.out(`Re-wrapping every encrypted value not yet under the current key "${env.keyring.currentKid}".`);
  return rewrapAndReport(env, options);
}

async function rewrapAndReport(env: CliEnv, options: RewrapCommandOptions): Promise<number> {
  const report: RewrapReport = await rewrapAll(env.db, env.keyring, {
    columns: options.columns ?? encryptedColumnRegistry().all(),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    onProgress: (progress) => {
      if (progress.rewrapped > 0 && progress.rewrapped % 500 === 0) {
        env.io.out(`  ${progress.column}: ${progress.rewrapped} re-wrapped so far`);
      }
    },
  });
  for (const column of report.columns) {
    env.io.out(
      `  ${column.name}: ${column.rewrapped} re-wrapped, ${column.alreadyCurrent} already current` +
        (column.changedMeanwhile > 0 ? `, ${column.changedMeanwhile} changed meanwhile (rewritten by the app)` : ''),
    );
  }
  if (report.stoppedEarly) {
    env.io.out(`Stopped after ${report.rewrapped} values; run keys:rewrap to go on.`);
    return 0;
  }
  env.io.out(`Done: ${report.rewrapped} values re-wrapped under "${env.keyring.currentKid}".`);
  return 0;
}

// ---------------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------------

const COMMANDS = [
  'create-admin',
  'audit:verify',
  'keys:rotate',
  'keys:rewrap',
  'keys:generate',
  'backup',
  'restore',
  'help',
] as const;

const consoleIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/**
 * Parses the command line, opens the database and keys as the server does, runs the command and
 * closes everything. Returns the exit code. `environment` replaces process.env (tests).
 */
export async function runCli(
  argv: readonly string[],
  options: { io?: CliIo; environment?: Record<string, string | undefined> } = {},
): Promise<number> {
  const io = options.io ?? consoleIo;
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(HELP);
    return command ? 0 : 2;
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    io.err(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  let database: Database | undefined;
  try {
    const config = options.environment ? parseConfig(options.environment) : loadConfig();
    if (command === 'keys:generate') {
      // Needs no database, and must not create a key file as a side effect.
      io.out(generateMasterKeyEntry(config.MASTER_KEY ? loadConfiguredKeyring(config).keyring.kids : []));
      return 0;
    }
    if (command === 'backup' || command === 'restore') {
      // They open the database their own way (a running server, an empty target); and never make a key.
      const { keyring, location, warning } = loadConfiguredKeyring(config, { create: false });
      if (warning) io.err(`Warning: ${warning}`);
      const env = { config, keyring, keyLocation: location, io };
      return command === 'backup' ? await backupCommand(env, args[0]) : await restoreCommand(env, args[0]);
    }
    // In this order, as the server does: the data-dir lock refuses before anything else is touched.
    database = await openConfiguredDatabase(config);
    const { keyring, location, generated, warning } = loadConfiguredKeyring(config);
    if (warning) io.err(`Warning: ${warning}`);
    if (generated) io.err(`Generated a new master key in ${location} (mode 0600). Back it up apart from the database.`);
    bindAuditKeyring(database.db, keyring);
    const env: CliEnv = { db: database.db, config, keyring, io };
    switch (command) {
      case 'create-admin':
        return await createAdminCommand(env, args[0]);
      case 'audit:verify':
        return await auditVerifyCommand(env, args);
      case 'keys:rotate':
        return await keysRotateCommand(env);
      case 'keys:rewrap':
        return await keysRewrapCommand(env);
      default:
        return 2;
    }
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      io.err(`The command cannot open the database. ${error.message}`);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof KeyringError || error instanceof BackupError) {
      io.err(`The command cannot run. ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database?.close();
  }
}

if (isEntryPoint(import.meta.url)) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('The command failed:', error);
      process.exit(1);
    },
  );
}
