import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rowsOf } from '../../src/server/db/index.ts';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { SLA_CHECK_JOB } from '../../src/server/modules/cases/context.ts';
import { caseEvents, cases } from '../../src/server/modules/cases/db.ts';
import { runRetention } from '../../src/server/modules/cases/retention.ts';
import { runSlaCheck, sweepSla } from '../../src/server/modules/cases/sla-jobs.ts';
import { notifications } from '../../src/server/modules/notifications/db.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { buildCaseApp, call, expectStatus, submitSupport } from '../helpers/cases.ts';
import type { TestApp } from '../helpers/test-app.ts';
import {
  createTestDatabase,
  createThrowawayDatabase,
  dropDatabase,
  type TestDatabase,
} from '../helpers/test-database.ts';

const at = (local: string, offset: '+01:00' | '+02:00' = '+01:00') => new Date(`${local}${offset}`);

describe('first-response reminders and escalations (virtual clock)', () => {
  let testDatabase: TestDatabase;
  let t: TestApp;
  let clock = at('2026-11-30T10:00:00');
  let requester: TestActor;
  let confidant: TestActor;
  let coordinator: TestActor;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    t = await buildCaseApp(testDatabase.database, Keyring.generate(), { now: () => clock });
    requester = await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Waadhoeke' });
    confidant = await createActor(t, ['confidant'], { association: 'ngb' });
    coordinator = await createActor(t, ['ot_coordinator']);
  });
  afterAll(async () => {
    await t.close();
    await testDatabase.destroy();
  });

  const kindsFor = async (personId: string, caseId: string) =>
    (
      await t.app.db
        .select({ kind: notifications.kind })
        .from(notifications)
        .where(
          and(
            eq(notifications.personId, personId),
            eq(notifications.subjectType, 'case'),
            eq(notifications.subjectId, caseId),
          ),
        )
    ).map((row) => row.kind);

  it('reminds the queue before a working-day target is missed and escalates to the coordinator after', async () => {
    clock = at('2026-11-30T10:00:00'); // Monday
    const { caseId } = await submitSupport(t, requester);
    const [row] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row?.firstResponseDueAt?.toISOString()).toBe(at('2026-12-01T10:00:00').toISOString());

    clock = at('2026-12-01T07:59:00');
    expect(await runSlaCheck(t.app.cases, caseId)).toEqual({ reminded: false, escalated: false });
    clock = at('2026-12-01T08:05:00'); // within the 2-hour lead
    expect(await runSlaCheck(t.app.cases, caseId)).toEqual({ reminded: true, escalated: false });
    expect(await runSlaCheck(t.app.cases, caseId)).toEqual({ reminded: false, escalated: false });
    expect(await kindsFor(confidant.personId, caseId)).toContain('case_due_soon');
    const queue = (await call(t, coordinator, 'GET', '/api/cases/queue?type=support&view=due_soon')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(caseId);

    // An internal note is no response: the escalation still comes.
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200);
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/notes`, { body: 'Later bellen' }), 201);
    clock = at('2026-12-01T10:01:00');
    expect(await runSlaCheck(t.app.cases, caseId)).toEqual({ reminded: false, escalated: true });
    expect(await kindsFor(coordinator.personId, caseId)).toContain('case_late');
    const late = (await call(t, coordinator, 'GET', '/api/cases/queue?type=support&view=late')).json();
    expect(late.items.find((i: { id: string }) => i.id === caseId)).toMatchObject({ late: true });
    const events = await t.app.db
      .select({ kind: caseEvents.kind })
      .from(caseEvents)
      .where(eq(caseEvents.caseId, caseId));
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['reminder_sent', 'escalated']));
    // Mail about it says nothing about the case.
    expect(t.sentMail.length).toBeGreaterThan(0);
    for (const mail of t.sentMail)
      expect(mail.text).not.toMatch(/bedreigd|support|SIPA|[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/);
  });

  it('does not count time spent waiting for the requester, nor weekends', async () => {
    clock = at('2026-11-27T16:00:00'); // Friday
    const { caseId } = await submitSupport(t, requester);
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200);
    clock = at('2026-11-27T18:00:00'); // 2 h used
    await expectStatus(
      await call(t, confidant, 'POST', `/api/cases/${caseId}/status`, { to: 'waiting_for_requester' }),
      200,
    );
    clock = at('2026-12-02T09:00:00'); // Wednesday: long past the original due time, but paused
    expect(await runSlaCheck(t.app.cases, caseId)).toEqual({ reminded: false, escalated: false });
    expect(await sweepSla(t.app.cases)).toBe(0);
    await expectStatus(
      await call(t, requester, 'POST', `/api/cases/${caseId}/messages`, { body: 'Ik ben er weer.' }),
      201,
    );
    const [row] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row?.status).toBe('in_progress');
    // 22 working hours left from Wednesday 09:00: Thursday 07:00.
    expect(row?.firstResponseDueAt?.toISOString()).toBe(at('2026-12-03T07:00:00').toISOString());
    // Now the confidant answers: the clock stops and nothing is late any more.
    await expectStatus(
      await call(t, confidant, 'POST', `/api/cases/${caseId}/messages`, { body: 'Dank, ik bel.' }),
      201,
    );
    clock = at('2026-12-04T12:00:00');
    expect(await runSlaCheck(t.app.cases, caseId)).toEqual({ reminded: false, escalated: false });
  });

  it('skips Christmas, and urgent requests run around the clock', async () => {
    clock = at('2026-12-24T14:00:00');
    const { caseId } = await submitSupport(t, requester);
    const [normal] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
    expect(normal?.firstResponseDueAt?.toISOString()).toBe(at('2026-12-28T14:00:00').toISOString());
    clock = at('2026-12-26T23:00:00');
    expect(await runSlaCheck(t.app.cases, caseId)).toEqual({ reminded: false, escalated: false });

    clock = at('2026-12-25T03:00:00');
    const urgent = await submitSupport(t, requester, { acuteDanger: true });
    const [row] = await t.app.db.select().from(cases).where(eq(cases.id, urgent.caseId));
    expect(row?.firstResponseDueAt?.toISOString()).toBe(at('2026-12-25T04:00:00').toISOString());
    clock = at('2026-12-25T04:00:01');
    expect(await sweepSla(t.app.cases)).toBeGreaterThanOrEqual(1);
    expect(await kindsFor(coordinator.personId, urgent.caseId)).toContain('case_late');
  });

  it('destroys closed cases after the retention period, not before', async () => {
    clock = at('2026-11-30T10:00:00');
    const { caseId } = await submitSupport(t, requester);
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200);
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/close`, { outcome: 'referred' }), 200);
    clock = at('2027-11-29T10:00:00'); // 364 days later
    expect(await runRetention(t.app.cases)).toBe(0);
    clock = at('2027-12-01T10:00:00');
    expect(await runRetention(t.app.cases)).toBeGreaterThanOrEqual(1);
    const [row] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({
      requesterId: null,
      intakeEnvelope: null,
      erasedReason: 'retention',
      outcome: 'referred',
      // "burgemeester / Waadhoeke" is one person: the tombstone keeps the province.
      officeType: 'burgemeester',
      region: 'Fryslân',
    });
  });
});

describe('jobs survive a restart', () => {
  const keyring = Keyring.generate();
  let dataDir: string | null = null;
  let postgresUrl: string | null = null;

  async function open(): Promise<Database> {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      postgresUrl ??= await createThrowawayDatabase(serverUrl);
      return openDatabase({ kind: 'postgres', url: postgresUrl, poolSize: 4 });
    }
    dataDir ??= await mkdtemp(path.join(tmpdir(), 'weerbaar-jobs-'));
    return openDatabase({ kind: 'pglite', dataDir });
  }

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl && postgresUrl) await dropDatabase(serverUrl, postgresUrl);
  });

  // Urgent: 1 minute; the reminder 50 seconds before: about 10 seconds after the request.
  const settings = {
    support: {
      firstResponse: {
        urgent: { amount: 1, unit: 'minutes' as const },
        normal: { amount: 1, unit: 'working_days' as const },
      },
      reminderLeadMs: { urgent: 50_000, normal: 2 * 60 * 60_000 },
    },
  };

  it('schedules a reminder, stops, starts again on the same database and sees it fire', {
    timeout: 90_000,
  }, async () => {
    // First life: the request is made, its check is queued, and the process stops before it is due.
    let database = await open();
    let t = await buildCaseApp(database, keyring, { cases: { settings }, startJobs: true });
    const requester = await createActor(t, ['officeholder'], { office: 'wethouder' });
    await createActor(t, ['confidant'], { association: 'wethoudersvereniging' });
    const { caseId } = await submitSupport(t, requester, { acuteDanger: true });
    const queued = rowsOf<{ n: number }>(
      await t.app.db.execute(
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${SLA_CHECK_JOB} AND state = 'created' AND data->>'caseId' = ${caseId}`,
      ),
    );
    expect(queued[0]?.n).toBe(1);
    await t.close();
    await database.close();
    const reminded = async (db: Database) =>
      (await db.db.select({ at: cases.reminderSentAt }).from(cases).where(eq(cases.id, caseId)))[0]?.at ?? null;

    // Second life, on the same database: the job is still there and fires when due.
    database = await open();
    expect(await reminded(database)).toBeNull();
    t = await buildCaseApp(database, keyring, { cases: { settings }, startJobs: true });
    try {
      const deadline = Date.now() + 60_000;
      while (!(await reminded(database)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(await reminded(database)).not.toBeNull();
      const events = await database.db
        .select({ kind: caseEvents.kind })
        .from(caseEvents)
        .where(eq(caseEvents.caseId, caseId));
      expect(events.map((e) => e.kind)).toContain('reminder_sent');
    } finally {
      await t.close();
      await database.close();
    }
  });
});
