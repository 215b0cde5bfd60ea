import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/index.ts';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { trainingEnrolments, trainingSessions } from '../../src/server/modules/training/db.ts';
import { promoteWaiting } from '../../src/server/modules/training/waitlist.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import type { TestApp } from '../helpers/test-app.ts';
import {
  createTestDatabase,
  createThrowawayDatabase,
  dropDatabase,
  onPostgres,
  type TestDatabase,
} from '../helpers/test-database.ts';
import { buildTrainingApp, createOffering, createSession, enrolIn, send } from '../helpers/training.ts';

/**
 * Many people at once for the last seats (run on PGlite by `npm test` and on PostgreSQL by
 * `npm run test:pg`). On PostgreSQL the pool holds 20 connections, so up to 20 enrolments really run at
 * the same moment and meet at the session row's lock; on PGlite one connection serialises them, which
 * must give the same invariants. Every request is a real call through the app (session, access, schema,
 * service, unit of work).
 */
describe(`training under concurrency (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let testDatabase: TestDatabase;
  let t: TestApp;
  let coordinator: TestActor;
  const clock = new Date('2027-02-01T10:00:00+01:00');

  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      const url = await createThrowawayDatabase(serverUrl);
      const database = await openDatabase({ kind: 'postgres', url, poolSize: 20 });
      testDatabase = {
        database,
        url,
        destroy: async () => {
          await database.close();
          await dropDatabase(serverUrl, url);
        },
      };
    } else {
      testDatabase = await createTestDatabase();
    }
    t = await buildTrainingApp(testDatabase.database, Keyring.generate(), { now: () => clock });
    coordinator = await createActor(t, ['training_coordinator']);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await testDatabase.destroy();
  });

  const people = (n: number, office: 'burgemeester' | 'wethouder' = 'wethouder') =>
    Promise.all(Array.from({ length: n }, () => createActor(t, ['officeholder'], { office })));

  async function invariants(sessionId: string) {
    const [session] = await t.app.db.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
    const rows = await t.app.db
      .select()
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.sessionId, sessionId))
      .orderBy(asc(trainingEnrolments.waitlistNumber));
    const confirmed = rows.filter((row) => row.status === 'confirmed');
    const waiting = rows.filter((row) => row.status === 'waiting');
    const numbers = rows.flatMap((row) => (row.waitlistNumber === null ? [] : [row.waitlistNumber]));
    return { session, rows, confirmed, waiting, numbers };
  }

  it('gives 50 simultaneous enrolments for the last 3 seats exactly 3 seats and 47 waiting-list places, in order', async () => {
    const offering = await createOffering(t, coordinator);
    const session = await createSession(t, coordinator, offering.id, clock, { capacity: 10 });
    for (const person of await people(7)) await enrolIn(t, person, session.id);
    const crowd = await people(50);

    const answers = await Promise.all(
      crowd.map((person) => send(t, person, 'POST', `/api/training/sessions/${session.id}/enrolments`)),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(50).fill(201));
    const statuses = answers.map((answer) => answer.json().enrolment.status);
    expect(statuses.filter((status) => status === 'confirmed')).toHaveLength(3);

    const { session: row, confirmed, waiting, numbers } = await invariants(session.id);
    expect(confirmed).toHaveLength(10);
    expect(row?.confirmedCount).toBe(10);
    expect(waiting).toHaveLength(47);
    // Every waiting-list number given exactly once, none skipped.
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    // Each person's answer named the position their number gives them.
    const positions = answers
      .map((answer) => answer.json().enrolment)
      .filter((enrolment) => enrolment.status === 'waiting')
      .map((enrolment) => enrolment.waitlistPosition)
      .sort((a: number, b: number) => a - b);
    expect(positions).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
  }, 120_000);

  it('keeps the seats and the order through cancellations, enrolments and promotions at the same time', async () => {
    const offering = await createOffering(t, coordinator);
    const session = await createSession(t, coordinator, offering.id, clock, { capacity: 8 });
    const holders = await people(8);
    for (const person of holders) await enrolIn(t, person, session.id);
    const waitingPeople = await people(6);
    for (const person of waitingPeople) await enrolIn(t, person, session.id);
    const mine = await Promise.all(
      holders.slice(0, 4).map(async (person) => (await send(t, person, 'GET', '/api/me/training/enrolments')).json()),
    );
    const newcomers = await people(20);

    const storm = [
      ...holders
        .slice(0, 4)
        .map((person, index) =>
          send(t, person, 'POST', `/api/me/training/enrolments/${mine[index].enrolments[0].id}/cancel`),
        ),
      ...newcomers.map((person) => send(t, person, 'POST', `/api/training/sessions/${session.id}/enrolments`)),
      ...Array.from({ length: 4 }, () => promoteWaiting(t.app.training, session.id)),
    ];
    await Promise.all(storm);
    // Whatever the order was, a last promotion leaves no free seat while someone waits.
    await promoteWaiting(t.app.training, session.id);

    const { session: row, confirmed, waiting, numbers } = await invariants(session.id);
    expect(confirmed).toHaveLength(8);
    expect(row?.confirmedCount).toBe(8);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(waiting.length).toBe(6 + 20 - 4);
    // Fair: everyone promoted came before everyone still waiting.
    const promotedNumbers = confirmed.flatMap((r) => (r.waitlistNumber === null ? [] : [r.waitlistNumber]));
    const waitingNumbers = waiting.map((r) => r.waitlistNumber ?? 0);
    expect(promotedNumbers).toHaveLength(4);
    expect(Math.max(...promotedNumbers)).toBeLessThan(Math.min(...waitingNumbers));
  }, 120_000);

  it('lets one person hold one enrolment per training, even enrolling in two sessions at the same moment', async () => {
    const offering = await createOffering(t, coordinator);
    const one = await createSession(t, coordinator, offering.id, clock, { days: 30 });
    const two = await createSession(t, coordinator, offering.id, clock, { days: 40 });
    const [person] = await people(1, 'burgemeester');
    if (!person) throw new Error('no person');
    const answers = await Promise.all(
      [one, two, one, two].map((session) => send(t, person, 'POST', `/api/training/sessions/${session.id}/enrolments`)),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const active = await t.app.db
      .select()
      .from(trainingEnrolments)
      .where(and(eq(trainingEnrolments.personId, person.personId), eq(trainingEnrolments.offeringId, offering.id)));
    expect(active).toHaveLength(1);
  });

  it('has the database refuse a seat counter above the capacity, whatever the code does', async () => {
    const offering = await createOffering(t, coordinator);
    const session = await createSession(t, coordinator, offering.id, clock, { capacity: 2 });
    await expect(
      t.app.db.execute(sql`UPDATE training_sessions SET confirmed_count = 3 WHERE id = ${session.id}`),
    ).rejects.toThrow();
  });
});
