import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { BackupError } from './manifest.ts';

/**
 * PostgreSQL is backed up with its own tools: pg_dump in custom format (one consistent snapshot while
 * the instances keep running) and pg_restore into an empty database. They must be at least the server's
 * major version; PG_BIN_DIR names their folder when the ones on the PATH are older.
 */

function tool(binDir: string | undefined, name: 'pg_dump' | 'pg_restore'): string {
  return binDir ? path.join(binDir, name) : name;
}

/** The URL without its password (which goes through PGPASSWORD, out of the process list). */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-4000);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${command} was not found. Install the PostgreSQL client tools, or set PG_BIN_DIR to their folder.`
            : `${command} could not start: ${error.message}`,
        ),
      ),
    );
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${path.basename(command)} failed (exit ${code}): ${errors.trim()}`)),
    );
  });
}

export async function dumpPostgres(url: string, file: string, binDir?: string): Promise<void> {
  const target = connection(url);
  await run(
    tool(binDir, 'pg_dump'),
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${target.url}`],
    target.env,
  );
}

/** Restores into `url`, which must be an empty database; all or nothing (one transaction). */
export async function restorePostgres(url: string, file: string, binDir?: string): Promise<void> {
  const tables = await countTables(url);
  if (tables > 0) {
    throw new BackupError(
      `The database in DATABASE_URL already holds ${tables} tables. Restore into a new, empty database ` +
        '(CREATE DATABASE …), then point DATABASE_URL at it.',
    );
  }
  const target = connection(url);
  await run(
    tool(binDir, 'pg_restore'),
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`, file],
    target.env,
  );
}

async function countTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return result.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** Journal time of the newest migration applied to the database at `url` (0 when none). */
export async function appliedMigrationOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ latest: string | null }>(
      'SELECT max(created_at)::text AS latest FROM drizzle.__drizzle_migrations',
    );
    return Number(result.rows[0]?.latest ?? 0);
  } finally {
    await client.end();
  }
}
