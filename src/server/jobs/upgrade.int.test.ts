import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database.ts';
import { rowsOf } from '../db/index.ts';
import { JOBS_SCHEMA, JobRunner } from './runner.ts';

/**
 * A database whose job queue pg-boss 10 made (schema version 24, which pg-boss 12 refuses to migrate):
 * the runner carries its waiting jobs over to a fresh pg-boss 12 schema, and nothing finished returns.
 */
const V10_SCHEMA = readFileSync(new URL('./fixtures/pg-boss-10-schema.sql', import.meta.url), 'utf8');
const silent = { error: () => {}, info: () => {} };

describe('upgrading the job queue from pg-boss 10', () => {
  let testDatabase: TestDatabase;
  let runner: JobRunner | null = null;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    const { db } = testDatabase.database.jobQueue;
    await db.executeSql(V10_SCHEMA);
    await db.executeSql(`SELECT ${JOBS_SCHEMA}.create_queue('reminder', '{"policy":"standard","retryLimit":5}')`);
    await db.executeSql(`SELECT ${JOBS_SCHEMA}.create_queue('gone', '{"policy":"standard"}')`);
    await db.executeSql(
      `INSERT INTO ${JOBS_SCHEMA}.job (name, data, state, start_after) VALUES
         ('reminder', '{"caseId":"due-now"}', 'created', now() - interval '1 minute'),
         ('reminder', '{"caseId":"due-later"}', 'created', now() + interval '1 day'),
         ('reminder', '{"caseId":"finished"}', 'completed', now() - interval '1 hour'),
         ('gone', '{}', 'created', now())`,
    );
  });
  afterAll(async () => {
    await runner?.stop();
    await testDatabase.destroy();
  });

  it('carries the waiting jobs of known queues over, runs the due one and keeps the later one', async () => {
    const handled: unknown[] = [];
    runner = new JobRunner({ database: testDatabase.database, log: silent, pollingIntervalSeconds: 0.5 });
    runner.register({ name: 'reminder', handler: async (data) => void handled.push(data) });
    await runner.start();

    const version = rowsOf<{ version: number }>(
      await testDatabase.database.jobQueue.db.executeSql(
        `SELECT max(version)::int AS version FROM ${JOBS_SCHEMA}.version`,
      ),
    );
    expect(version[0]?.version).toBeGreaterThanOrEqual(25);

    const deadline = Date.now() + 20_000;
    while (handled.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(handled).toEqual([{ caseId: 'due-now' }]);

    const [depth] = await runner.depths();
    expect(depth).toMatchObject({ name: 'reminder', ready: 0, deferred: 1 });
    const queued = rowsOf<{ name: string; data: unknown }>(
      await testDatabase.database.jobQueue.db.executeSql(
        `SELECT name, data FROM ${JOBS_SCHEMA}.job WHERE state::text IN ('created', 'retry')`,
      ),
    );
    expect(queued).toEqual([{ name: 'reminder', data: { caseId: 'due-later' } }]);
  });
});
