import { describe, expect, it } from 'vitest';
import { createThrowawayDatabase, dropDatabase, onPostgres } from '../../../test/helpers/test-database.ts';
import { openDatabase, rowsOf } from '../db/index.ts';
import { JOBS_SCHEMA, JobRunner } from './runner.ts';

const silent = { error: () => {}, info: () => {} };

/**
 * Two instances deployed at once on an empty database both install the job queue: one installs it, the
 * other waits and finds it there (Database.jobQueue.startAlone). Without that, the one that waited on
 * pg-boss's own lock failed now and then on the unique index of schema names. PostgreSQL only: a PGlite
 * directory belongs to one process.
 */
describe.skipIf(!onPostgres)('two job runners starting together on an empty database', () => {
  it('both start, and the queue is installed once', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL ?? '';
    for (let round = 0; round < 4; round++) {
      const url = await createThrowawayDatabase(serverUrl);
      const first = await openDatabase({ kind: 'postgres', url, poolSize: 3 });
      const second = await openDatabase({ kind: 'postgres', url, poolSize: 3 });
      const runners = [first, second].map((database) => {
        const runner = new JobRunner({ database, log: silent });
        runner.register({ name: 'reminder', handler: async () => {} });
        return runner;
      });
      try {
        await Promise.all(runners.map((runner) => runner.start()));
        const versions = rowsOf<{ n: number }>(
          await first.jobQueue.db.executeSql(`SELECT count(*)::int AS n FROM ${JOBS_SCHEMA}.version`),
        );
        expect(versions[0]?.n, `round ${round}`).toBe(1);
      } finally {
        await Promise.all(runners.map((runner) => runner.stop()));
        await Promise.all([first.close(), second.close()]);
        await dropDatabase(serverUrl, url);
      }
    }
  }, 120_000);
});
