import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rowsOf } from '../../src/server/db/index.ts';
import { JOBS_SCHEMA } from '../../src/server/jobs/runner.ts';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { trainingEnrolments } from '../../src/server/modules/training/db.ts';
import { PROMOTE_JOB } from '../../src/server/modules/training/waitlist.ts';
import { createActor } from '../helpers/actors.ts';
import { createThrowawayDatabase, dropDatabase } from '../helpers/test-database.ts';
import { buildTrainingApp, createOffering, createSession, enrolIn, send } from '../helpers/training.ts';

/**
 * The promotion job on the real job runner (pg-boss): a cancellation promotes the next in line through
 * the queue, and a job queued just before the process stopped runs after the restart, on the same
 * database (a PGlite directory, or a PostgreSQL database with TEST_DATABASE_URL).
 */
describe('training promotion through the job queue', () => {
  const keyring = Keyring.generate();
  let dataDir: string | null = null;
  let postgresUrl: string | null = null;

  async function open(): Promise<Database> {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      postgresUrl ??= await createThrowawayDatabase(serverUrl);
      return openDatabase({ kind: 'postgres', url: postgresUrl, poolSize: 4 });
    }
    dataDir ??= await mkdtemp(path.join(tmpdir(), 'weerbaar-training-jobs-'));
    return openDatabase({ kind: 'pglite', dataDir });
  }

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl && postgresUrl) await dropDatabase(serverUrl, postgresUrl);
  });

  const statusOf = async (database: Database, id: string) =>
    (
      await database.db
        .select({ status: trainingEnrolments.status })
        .from(trainingEnrolments)
        .where(eq(trainingEnrolments.id, id))
    )[0]?.status;

  async function waitFor(check: () => Promise<boolean>, ms = 45_000) {
    const deadline = Date.now() + ms;
    while (!(await check()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 300));
    return check();
  }

  it('promotes the next in line after a cancellation, and a job queued before a stop runs after the restart', {
    timeout: 150_000,
  }, async () => {
    // First life: the runner runs; a cancellation's job promotes the one waiting.
    let database = await open();
    let t = await buildTrainingApp(database, keyring, { startJobs: true });
    const coordinator = await createActor(t, ['training_coordinator']);
    const [a, b, c] = [
      await createActor(t, ['officeholder'], { office: 'burgemeester' }),
      await createActor(t, ['officeholder'], { office: 'burgemeester' }),
      await createActor(t, ['officeholder'], { office: 'burgemeester' }),
    ];
    const offering = await createOffering(t, coordinator);
    const session = await createSession(t, coordinator, offering.id, new Date(), { capacity: 1 });
    const seatA = await enrolIn(t, a, session.id);
    const waitB = await enrolIn(t, b, session.id);
    const waitC = await enrolIn(t, c, session.id);
    expect((await send(t, a, 'POST', `/api/me/training/enrolments/${seatA.id}/cancel`)).statusCode).toBe(200);
    expect(await waitFor(async () => (await statusOf(database, waitB.id)) === 'confirmed')).toBe(true);
    const kinds = (await send(t, b, 'GET', '/api/me/notifications'))
      .json()
      .notifications.map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('training_promoted');
    expect(t.sentMail.find((mail) => mail.to === b.email)?.attachments?.[0]?.filename).toBe('training.ics');
    await t.close();
    await database.close();

    // Second life, runner stopped: B cancels; the job is queued (as by a process about to stop) but
    // nothing works on it, and the process stops.
    database = await open();
    t = await buildTrainingApp(database, keyring, { startJobs: false });
    const mineB = (await send(t, b, 'GET', '/api/me/training/enrolments')).json().enrolments[0];
    expect((await send(t, b, 'POST', `/api/me/training/enrolments/${mineB.id}/cancel`)).statusCode).toBe(200);
    const producer = new PgBoss({ ...database.jobQueue, schema: JOBS_SCHEMA });
    await producer.start();
    await producer.createQueue(PROMOTE_JOB);
    await producer.send(PROMOTE_JOB, { sessionId: session.id });
    await producer.stop({ graceful: false, close: false });
    expect(await statusOf(database, waitC.id)).toBe('waiting');
    await t.close();
    await database.close();

    // Third life, on the same database: the queued job runs.
    database = await open();
    t = await buildTrainingApp(database, keyring, { startJobs: true });
    try {
      expect(await waitFor(async () => (await statusOf(database, waitC.id)) === 'confirmed')).toBe(true);
      // It was the queued job (not the minute's sweep): both lives' jobs for this session complete. pg-boss
      // marks a job completed just after its handler's change has committed, so this is waited for too.
      const completed = async () =>
        rowsOf<{ n: number }>(
          await database.db.execute(
            sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${PROMOTE_JOB} AND state = 'completed' AND data->>'sessionId' = ${session.id}`,
          ),
        )[0]?.n ?? 0;
      expect(await waitFor(async () => (await completed()) >= 2)).toBe(true);
      expect(await completed()).toBe(2);
    } finally {
      await t.close();
      await database.close();
    }
  });
});
