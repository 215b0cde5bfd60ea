import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, expectStatus, submitSupport, supportWorld } from '../../../../test/helpers/cases.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { BACKGROUND_REFRESH_HEADER } from '../../../shared/session.ts';
import { auditLog } from './db.ts';
import { BACKGROUND_REFRESH_ACTION, REFRESH_WINDOW_MINUTES, verifyAuditChain } from './service.ts';

/** A staff page left open refreshes itself every 30 s with several reads; the trail keeps one row per window. */
describe('a page refreshing itself (X-Background-Refresh)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  const refreshPaths = (caseId: string) => [
    `/api/cases/${caseId}`,
    `/api/cases/${caseId}/timeline`,
    `/api/cases/${caseId}/messages`,
    `/api/cases/${caseId}/notes`,
  ];

  async function rowsFor(caseId: string) {
    return t.app.db.select().from(auditLog).where(eq(auditLog.recordId, caseId));
  }

  it('is audited once per case, person and window instead of once per request', async () => {
    // A clock the test moves (JavaScript's only: sessions and the trail read it), from a window's start.
    const windowMs = REFRESH_WINDOW_MINUTES * 60_000;
    const start = Math.ceil(Date.now() / windowMs) * windowMs + 60_000;
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const w = await supportWorld(t);
    const { caseId } = await submitSupport(t, w.requester);

    // The page opens: every read is audited as it always was.
    for (const url of refreshPaths(caseId)) await expectStatus(await call(t, w.coordinator, 'GET', url), 200, url);
    const opened = (await rowsFor(caseId)).filter((row) => row.actorPersonId === w.coordinator.personId);
    expect(opened.map((row) => row.action).sort()).toEqual(
      ['case.messages_read', 'case.notes_read', 'case.read', 'case.timeline_read'].sort(),
    );

    // Then it refreshes itself ten times (five minutes at 30 s): one row for the window, not forty.
    const background = { ...w.coordinator.headers, [BACKGROUND_REFRESH_HEADER]: '1' };
    for (let round = 0; round < 10; round++) {
      vi.setSystemTime(start + round * 30_000);
      const answers = await Promise.all(
        refreshPaths(caseId).map((url) => t.app.inject({ method: 'GET', url, headers: background })),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200]);
    }
    const refreshes = async () =>
      (await rowsFor(caseId)).filter(
        (row) => row.actorPersonId === w.coordinator.personId && row.action === BACKGROUND_REFRESH_ACTION,
      );
    expect(await refreshes()).toHaveLength(1);
    expect((await refreshes())[0]).toMatchObject({
      subjectPersonId: w.requester.personId,
      recordType: 'support_case',
      details: { first: expect.stringMatching(/^case\./), windowMinutes: REFRESH_WINDOW_MINUTES },
    });

    // The next window gets its own row (the person was active in between, or the session would have ended).
    vi.setSystemTime(start + 10 * 60_000);
    await expectStatus(await call(t, w.coordinator, 'GET', '/api/me/notifications'), 200);
    vi.setSystemTime(start + windowMs);
    await expectStatus(await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: background }), 200);
    expect(await refreshes()).toHaveLength(2);

    // The requester sees it under "Wie heeft mijn gegevens ingezien?".
    const log = (await call(t, w.requester, 'GET', '/api/me/access-log')).json();
    expect(log.entries.filter((entry: { action: string }) => entry.action === BACKGROUND_REFRESH_ACTION)).toHaveLength(
      2,
    );
    expect((await verifyAuditChain(t.app.db)).firstBreak).toBeNull();
  });

  it('does not hide a change: a POST with the header is audited as usual', async () => {
    const w = await supportWorld(t);
    const { caseId } = await submitSupport(t, w.requester);
    const background = { ...w.requester.headers, [BACKGROUND_REFRESH_HEADER]: '1' };
    for (let index = 0; index < 2; index++) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/messages`,
        headers: background,
        payload: { body: `Bericht ${index}` },
      });
      expect(response.statusCode).toBe(201);
    }
    const posted = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, caseId), eq(auditLog.action, 'case.message_posted')));
    expect(posted).toHaveLength(2);
  });
});
