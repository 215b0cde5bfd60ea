import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * On PostgreSQL the bench works in a database of its own on the server in DATABASE_URL, made at the
 * start and dropped at the end (BENCH_KEEP_DATABASE=1 keeps it): it writes a million cases, and never
 * into a database someone uses.
 */
export async function createBenchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `weerbaar_bench_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
