import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { caseEvents, cases } from '../../src/server/modules/cases/db.ts';
import { notifications } from '../../src/server/modules/notifications/db.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import {
  buildCaseApp,
  call,
  expectStatus,
  sipaRequest,
  submitSipa,
  submitSupport,
  supportRequest,
} from '../helpers/cases.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function caseRow(t: TestApp, caseId: string) {
  const [row] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) throw new Error('case not found');
  return row;
}

/** The case settings come from the environment (SUPPORT_* and SIPA_*), with the types' values as defaults. */
describe('case settings from the environment', () => {
  let t: TestApp;
  let requester: TestActor;
  let burgemeester: TestActor;
  let confidant: TestActor;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        SUPPORT_FIRST_RESPONSE_URGENT_MINUTES: '20',
        SUPPORT_REOPEN_DAYS: '7',
        SUPPORT_RETENTION_DAYS: '60',
        SIPA_FIRST_RESPONSE_URGENT_MINUTES: '90',
      },
    });
    requester = await createActor(t, ['officeholder'], { office: 'wethouder' });
    burgemeester = await createActor(t, ['officeholder'], { office: 'burgemeester' });
    confidant = await createActor(t, ['confidant'], { association: 'wethoudersvereniging' });
  });
  afterAll(() => t.close());

  it('a shorter urgent target makes an urgent case due sooner', async () => {
    const { caseId } = await submitSupport(t, requester, { acuteDanger: true });
    const row = await caseRow(t, caseId);
    expect(row.urgency).toBe('urgent');
    expect(row.firstResponseDueAt?.getTime()).toBe(row.createdAt.getTime() + 20 * MINUTE);

    const { caseId: sipaId } = await submitSipa(t, burgemeester, { urgent: true });
    const sipa = await caseRow(t, sipaId);
    expect(sipa.firstResponseDueAt?.getTime()).toBe(sipa.createdAt.getTime() + 90 * MINUTE);
  });

  it('the types route shows the configured targets, reopen period and retention', async () => {
    const response = await call(t, requester, 'GET', '/api/cases/types');
    await expectStatus(response, 200);
    const types = response.json().types as {
      type: string;
      reopenDays: number;
      retentionDays: number;
      firstResponseTargets: Record<string, unknown>;
    }[];
    const support = types.find((type) => type.type === 'support');
    expect(support).toMatchObject({
      reopenDays: 7,
      retentionDays: 60,
      firstResponseTargets: {
        urgent: { amount: 20, unit: 'minutes' },
        normal: { amount: 1, unit: 'working_days' },
      },
    });
    // What is not set keeps the type's default.
    expect(types.find((type) => type.type === 'sipa')).toMatchObject({ reopenDays: 30, retentionDays: 730 });
  });

  it('closing uses the configured reopen period and retention', async () => {
    const { caseId } = await submitSupport(t, requester);
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200);
    await expectStatus(await call(t, requester, 'POST', `/api/cases/${caseId}/close`, { outcome: 'withdrawn' }), 200);
    const row = await caseRow(t, caseId);
    const closedAt = row.closedAt?.getTime() ?? 0;
    expect(row.reopenUntil?.getTime()).toBe(closedAt + 7 * DAY);
    expect(row.retainUntil?.getTime()).toBe(closedAt + 60 * DAY);
  });
});

/**
 * Hostile input: one person sending request after request. Beyond the type's limit per 24 hours each
 * attempt is refused with 429 (problem details, Retry-After, the 112 advice) and nothing is created: no
 * case, no event, no notification, no mail.
 */
describe('the limit on new requests per person', () => {
  let t: TestApp;
  let clock = new Date('2026-11-30T09:00:00Z');
  let requester: TestActor;
  let other: TestActor;
  let confidant: TestActor;

  beforeAll(async () => {
    const testDatabase = await createTestDatabase();
    t = await buildCaseApp(testDatabase.database, Keyring.generate(), {
      now: () => clock,
      cases: { settings: { support: { maxRequestsPerDay: 3 } } },
    });
    requester = await createActor(t, ['officeholder'], { office: 'burgemeester' });
    other = await createActor(t, ['officeholder'], { office: 'burgemeester' });
    confidant = await createActor(t, ['confidant'], { association: 'ngb' });
  });
  afterAll(async () => {
    await t.close();
    await t.testDatabase.destroy();
  });

  async function totals() {
    const [all] = await t.app.db.select({ n: count() }).from(cases);
    const [events] = await t.app.db.select({ n: count() }).from(caseEvents);
    const [notices] = await t.app.db
      .select({ n: count() })
      .from(notifications)
      .where(eq(notifications.personId, confidant.personId));
    return { cases: all?.n, events: events?.n, notifications: notices?.n, mail: t.sentMail.length };
  }

  it('allows the limit, then refuses with 429, Retry-After and the 112 advice, creating nothing', async () => {
    for (let i = 0; i < 3; i++) {
      await submitSupport(t, requester);
      clock = new Date(clock.getTime() + 10 * MINUTE);
    }
    const before = await totals();
    for (const body of [supportRequest(), supportRequest({ acuteDanger: true })]) {
      const response = await call(t, requester, 'POST', '/api/support/requests', body);
      expect(response.statusCode).toBe(429);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
      const problem = response.json();
      expect(problem).toMatchObject({ status: 429, code: 'too_many_requests' });
      expect(problem.detail).toContain('112');
      expect(problem.detail).toContain('070 373 83 14');
      // The first request leaves the 24-hour window 24 h after it was made: 23 h 30 min from now.
      expect(response.headers['retry-after']).toBe(String(24 * 60 * 60 - 30 * 60));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await totals()).toEqual(before);
  });

  it('counts per person and per type', async () => {
    await submitSupport(t, other);
    await expectStatus(await call(t, requester, 'POST', '/api/sipa/requests', sipaRequest()), 201);
  });

  it('allows a new request once the oldest has left the 24-hour window', async () => {
    clock = new Date(clock.getTime() + 23 * 60 * MINUTE + 29 * MINUTE);
    await expectStatus(await call(t, requester, 'POST', '/api/support/requests', supportRequest()), 429);
    clock = new Date(clock.getTime() + 2 * MINUTE);
    await submitSupport(t, requester);
    const refused = await call(t, requester, 'POST', '/api/support/requests', supportRequest());
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
