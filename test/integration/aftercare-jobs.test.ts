import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rowsOf } from '../../src/server/db/index.ts';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { AFTERCARE_SWEEP_JOB, sweepAftercare } from '../../src/server/modules/aftercare/sweep.ts';
import { aftercareWorld, openBody, TestClock } from '../helpers/aftercare.ts';
import { buildCaseApp, call, expectStatus } from '../helpers/cases.ts';
import { createThrowawayDatabase, dropDatabase, onPostgres } from '../helpers/test-database.ts';

/**
 * The check-in sweep across restarts and a dropped database connection. The state of every check-in is
 * a row, and each move is claimed by a conditional UPDATE in the same transaction as its notification,
 * so: a restart between two moments loses nothing; a moment that fell due while the app was down is
 * delivered after the restart, once; the sweep run through the job queue (pg-boss) uses the unit of
 * work's clock; and a connection that dies in the middle of a delivery rolls the claim back with it.
 */
describe('aftercare check-ins through restarts', () => {
  const keyring = Keyring.generate();
  const clock = new TestClock();
  let dataDir: string | null = null;
  let postgresUrl: string | null = null;

  async function open(): Promise<Database> {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      postgresUrl ??= await createThrowawayDatabase(serverUrl);
      return openDatabase({ kind: 'postgres', url: postgresUrl, poolSize: 4 });
    }
    dataDir ??= await mkdtemp(path.join(tmpdir(), 'weerbaar-aftercare-jobs-'));
    return openDatabase({ kind: 'pglite', dataDir });
  }

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl && postgresUrl) await dropDatabase(serverUrl, postgresUrl);
  });

  const counts = async (database: Database) =>
    rowsOf<{ kind: string; n: number }>(
      await database.db.execute(
        sql`SELECT kind, count(*)::int AS n FROM notifications WHERE kind LIKE 'aftercare_check_in%' GROUP BY kind ORDER BY kind`,
      ),
    );
  const states = async (database: Database) =>
    rowsOf<{ state: string; n: number }>(
      await database.db.execute(
        sql`SELECT state, count(*)::int AS n FROM aftercare_check_ins GROUP BY state ORDER BY state`,
      ),
    );

  async function waitFor(check: () => Promise<boolean>, ms = 60_000) {
    const deadline = Date.now() + ms;
    while (!(await check()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    return check();
  }

  it('delivers each check-in once across restarts, through the job queue, on the moved clock', {
    timeout: 180_000,
  }, async () => {
    // First life: the plan is opened for the requester and their partner.
    let database = await open();
    let t = await buildCaseApp(database, keyring, { now: clock.now });
    const w = await aftercareWorld(t);
    await expectStatus(
      await call(t, w.confidant, 'POST', `/api/aftercare/cases/${w.caseId}/plan`, openBody()),
      201,
      'open',
    );
    const planId = (await call(t, w.requester, 'GET', '/api/aftercare/me')).json().plans[0].id as string;
    await expectStatus(
      await call(t, w.requester, 'PUT', `/api/aftercare/plans/${planId}/relatives`, {
        relativeIds: [w.partner.personId],
      }),
      200,
      'include',
    );
    await t.close();
    await database.close();

    // Second life, eight days on, with the job runner: the sweep sent through the queue delivers both.
    clock.moveDays(8);
    database = await open();
    t = await buildCaseApp(database, keyring, { now: clock.now, startJobs: true });
    await t.app.jobs.send(AFTERCARE_SWEEP_JOB, {});
    expect(await waitFor(async () => (await states(database)).some((s) => s.state === 'due' && s.n === 2))).toBe(true);
    // A second pass, and a second sweep at the same time, deliver nothing again.
    const again = await Promise.all([sweepAftercare(t.app.aftercare), sweepAftercare(t.app.aftercare)]);
    expect(again.map((r) => r.delivered)).toEqual([0, 0]);
    await t.close();
    await database.close();

    // Third life, past the second moment: only the second check-ins (and the one reminder for the first).
    clock.moveDays(21);
    database = await open();
    t = await buildCaseApp(database, keyring, { now: clock.now });
    const report = await sweepAftercare(t.app.aftercare);
    expect(report).toMatchObject({ delivered: 2, reminded: 2 });
    expect(await counts(database)).toEqual([
      { kind: 'aftercare_check_in_due', n: 4 },
      { kind: 'aftercare_check_in_reminder', n: 2 },
    ]);
    await t.close();
    await database.close();
  });

  it.runIf(onPostgres)(
    'rolls a delivery back when the connection dies mid-way, and delivers it once after',
    {
      timeout: 120_000,
    },
    async () => {
      const database = await open();
      const t = await buildCaseApp(database, keyring, { now: clock.now });
      const w = await aftercareWorld(t);
      await expectStatus(
        await call(t, w.confidant, 'POST', `/api/aftercare/cases/${w.caseId}/plan`, openBody()),
        201,
        'open',
      );
      // The first notification insert of the next delivery kills its own connection (once: a sequence
      // is not rolled back), after the check-in was claimed and before the transaction commits.
      await database.db.execute(
        sql.raw(`
      CREATE SEQUENCE aftercare_fault_seq;
      CREATE FUNCTION aftercare_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'aftercare_check_in_due' AND nextval('aftercare_fault_seq') = 1 THEN
          PERFORM pg_terminate_backend(pg_backend_pid());
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER aftercare_fault BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION aftercare_fault();
    `),
      );
      const before = (await counts(database)).find((c) => c.kind === 'aftercare_check_in_due')?.n ?? 0;
      clock.moveDays(8);
      await expect(sweepAftercare(t.app.aftercare)).rejects.toThrow();
      // Nothing half done: the claim went with the connection.
      const scheduled = rowsOf<{ n: number }>(
        await database.db.execute(
          sql`SELECT count(*)::int AS n FROM aftercare_check_ins WHERE state = 'scheduled' AND sequence = 1`,
        ),
      )[0]?.n;
      expect(scheduled).toBe(1);
      // The pool recovers by itself; the next sweep delivers it, once.
      const report = await sweepAftercare(t.app.aftercare);
      expect(report.delivered).toBe(1);
      expect((await counts(database)).find((c) => c.kind === 'aftercare_check_in_due')?.n).toBe(before + 1);
      expect((await sweepAftercare(t.app.aftercare)).delivered).toBe(0);
      await database.db.execute(sql.raw('DROP TRIGGER aftercare_fault ON notifications'));
      await t.close();
      await database.close();
    },
  );
});
