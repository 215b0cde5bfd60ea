import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Keyring } from '../lib/crypto/index.ts';
import {
  type Checkpoint,
  checkpointPublicKey,
  parseCheckpointLog,
  readCheckpointFile,
} from '../modules/audit/checkpoints.ts';
import { BackupError, type BackupManifest, CHECKPOINTS_FILE, sha256OfFile } from './manifest.ts';

/**
 * The audit trail's anchor travels with a backup: the signed checkpoint log (not secret — its public key
 * checks it) is copied into the backup before the dump is taken, so every checkpoint in the copy is older
 * than the dump and the restored chains must reach the latest one. The HMAC key of the chains is never
 * copied: it comes from the keyring, which is backed up apart; the manifest names it by the checkpoints'
 * public key, so a restore with other keys is refused before anything is written.
 */

export interface CheckpointCopy {
  manifest: Pick<BackupManifest, 'auditKey' | 'auditCheckpoints'>;
  /** Something the operator should know (no log, or a log that does not verify). */
  warning: string | null;
}

export async function copyCheckpointLog(source: string, folder: string, keyring: Keyring): Promise<CheckpointCopy> {
  const auditKey = checkpointPublicKey(keyring);
  const text = readCheckpointFile(source);
  if (text === null) {
    return {
      manifest: { auditKey },
      warning: `There is no audit checkpoint log at ${source}: a restore cannot rule out a cut-off audit trail.`,
    };
  }
  const log = parseCheckpointLog(text, auditKey);
  const target = path.join(folder, CHECKPOINTS_FILE);
  writeFileSync(target, text, { mode: 0o600, flag: 'wx' });
  const warning = log.problem
    ? `The audit checkpoint log ${source} is not intact (${log.problem}); copied as it is. Compare it with the external sink.`
    : null;
  if (log.checkpoints.length === 0) return { manifest: { auditKey }, warning };
  return {
    manifest: {
      auditKey,
      auditCheckpoints: {
        file: CHECKPOINTS_FILE,
        sha256: await sha256OfFile(target),
        checkpoints: log.checkpoints.length,
      },
    },
    warning,
  };
}

/** Before restoring: the keys here must be those the backup's audit trail was keyed with. */
export function assertAuditKey(manifest: BackupManifest, keyring: Keyring): void {
  if (manifest.auditKey && manifest.auditKey !== checkpointPublicKey(keyring)) {
    throw new BackupError(
      "The keys here are not the ones the backup's audit trail was keyed with (another index secret): " +
        'restore with the key file or MASTER_KEY of that time.',
    );
  }
}

/** The latest checkpoint of the backup's copy (checksum and signatures checked); null when it has none. */
export async function backupCheckpoint(
  folder: string,
  manifest: BackupManifest,
  keyring: Keyring,
): Promise<Checkpoint | null> {
  if (!manifest.auditCheckpoints) return null;
  const file = path.join(folder, manifest.auditCheckpoints.file);
  if (!existsSync(file) || (await sha256OfFile(file)) !== manifest.auditCheckpoints.sha256) {
    throw new BackupError(`The backup's audit checkpoint log ${file} is missing or does not match its checksum.`);
  }
  const log = parseCheckpointLog(readFileSync(file, 'utf8'), checkpointPublicKey(keyring));
  const latest = log.checkpoints[log.checkpoints.length - 1] ?? null;
  if (log.problem || log.checkpoints.length !== manifest.auditCheckpoints.checkpoints) {
    throw new BackupError(`The backup's audit checkpoint log is not intact: ${log.problem ?? 'checkpoints missing'}.`);
  }
  return latest;
}

/**
 * After a restore: the backup's checkpoint log becomes the installation's, unless one is there already
 * (restoring in place: that log is evidence of what came after the backup, and audit:verify will report
 * the entries the restore lost against it). Answers what happened, for the operator.
 */
export function installCheckpointLog(folder: string, manifest: BackupManifest, target: string): string | null {
  if (!manifest.auditCheckpoints) return null;
  if (existsSync(target)) {
    return (
      `${target} exists and was left as it is: audit:verify checks the restored trail against it, and ` +
      'reports entries written after the backup as missing (a restore loses them).'
    );
  }
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  copyFileSync(path.join(folder, manifest.auditCheckpoints.file), target);
  return `The backup's audit checkpoints were copied to ${target}.`;
}
