import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/index.ts';

/** True when the integration suite runs against a real PostgreSQL server (npm run test:pg). */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface TestDatabase {
  database: Database;
  /** Closes the database and, on PostgreSQL, drops the throwaway database. */
  destroy(): Promise<void>;
  /** Connection string of the throwaway database (PostgreSQL only). */
  url?: string;
}

/**
 * A fresh, migrated database for one test file: a new in-memory PGlite loaded from the template, or
 * a new database on the TEST_DATABASE_URL server, dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = await readFile(inject('pgliteTemplate'));
    const database = await openDatabase({ kind: 'memory', loadDataDir: new Blob([template]) });
    return { database, destroy: () => database.close() };
  }
  const url = await createThrowawayDatabase(serverUrl);
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  return {
    database,
    url,
    destroy: async () => {
      await database.close();
      await dropDatabase(serverUrl, url);
    },
  };
}

/** An empty (unmigrated) database on the test server; for migration tests. */
export async function createThrowawayDatabase(serverUrl: string): Promise<string> {
  const name = `weerbaar_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
