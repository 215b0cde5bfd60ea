import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * A backup is a folder: the database dump and `weerbaar-backup.json`, which says what the dump is, its
 * checksum, and which keys its encrypted values need. It never holds a key: those are backed up apart
 * (README, Operations), so whoever finds a backup finds nothing readable.
 */
export const MANIFEST_FILE = 'weerbaar-backup.json';
export const BACKUP_FORMAT = 'weerbaar-backup';
export const CHECKPOINTS_FILE = 'audit-checkpoints.jsonl';

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  /** `pglite`: a PGlite data directory (tar.gz); `postgres`: a pg_dump custom-format archive. */
  database: z.enum(['pglite', 'postgres']),
  /** The dump's file name, inside the backup folder. */
  file: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Journal time of the newest migration in the dump; a newer app migrates it forward on restore. */
  migration: z.number().int().nonnegative(),
  /** The key ids the keyring had: every encrypted value in the dump is under one of them. */
  keyIds: z.array(z.string()).min(1),
  /**
   * The public key of the audit checkpoints (Ed25519, derived from the keyring's index secret like the
   * chains' HMAC key): names the audit key without holding it, so a restore with other keys is refused.
   */
  auditKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  /** A copy of the signed audit checkpoint log, taken before the dump: the restored chains must reach it. */
  auditCheckpoints: z
    .object({
      file: z.literal(CHECKPOINTS_FILE),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      checkpoints: z.number().int().positive(),
    })
    .optional(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export function writeManifest(folder: string, manifest: BackupManifest): void {
  writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
}

export function readManifest(folder: string): BackupManifest {
  let text: string;
  try {
    text = readFileSync(path.join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupError(`${folder} is not a Weerbaar backup: it has no ${MANIFEST_FILE}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${path.join(folder, MANIFEST_FILE)} is not JSON.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new BackupError(`${path.join(folder, MANIFEST_FILE)} is not a backup manifest this version can read.`);
  }
  return parsed.data;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The dump the manifest names, after checking it is complete and unchanged. */
export async function checkedDumpFile(folder: string, manifest: BackupManifest): Promise<string> {
  const file = path.join(folder, manifest.file);
  let actual: string;
  try {
    actual = await sha256OfFile(file);
  } catch {
    throw new BackupError(`The backup's dump ${file} is missing.`);
  }
  if (actual !== manifest.sha256) {
    throw new BackupError(`The backup's dump ${file} does not match its checksum: it is damaged or incomplete.`);
  }
  return file;
}
