import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppNotification } from '../../src/shared/cases.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { call, expectStatus, submitSupport } from '../helpers/cases.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** In-app notifications: which page each one leads to, and marking them read (all, some, or per case). */
describe('my notifications', () => {
  let t: TestApp;
  let requester: TestActor;
  let confidant: TestActor;
  let stranger: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    requester = await createActor(t, ['officeholder'], { office: 'wethouder' });
    confidant = await createActor(t, ['confidant'], { association: 'wethoudersvereniging' });
    stranger = await createActor(t, ['officeholder'], { office: 'raadslid' });
  });
  afterAll(() => t.close());

  async function mine(actor: TestActor): Promise<{ notifications: AppNotification[]; unread: number }> {
    const response = await call(t, actor, 'GET', '/api/me/notifications');
    await expectStatus(response, 200);
    return response.json();
  }

  it('lead staff to the work queue and requesters to their own case, newest first', async () => {
    const first = await submitSupport(t, requester);
    const second = await submitSupport(t, requester);
    const staff = await mine(confidant);
    expect(staff.unread).toBe(2);
    expect(staff.notifications.map((n) => [n.caseId, n.kind, n.view, n.caseReference])).toEqual([
      [second.caseId, 'case_new_in_queue', 'staff', second.reference],
      [first.caseId, 'case_new_in_queue', 'staff', first.reference],
    ]);

    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${first.caseId}/take`, {}), 200);
    const own = await mine(requester);
    expect(own.notifications[0]).toMatchObject({ caseId: first.caseId, view: 'requester', readAt: null });
  });

  it('opening a case marks only that case read; nobody can mark another person read', async () => {
    const before = await mine(confidant);
    const [newest, older] = before.notifications;
    if (!newest?.caseId || !older?.caseId) throw new Error('expected two notifications');

    // Someone else's case id or notification id changes nothing for the confidant.
    await expectStatus(
      await call(t, stranger, 'POST', '/api/me/notifications/read', { caseId: newest.caseId, ids: [newest.id] }),
      200,
    );
    expect((await mine(confidant)).unread).toBe(before.unread);

    await expectStatus(await call(t, confidant, 'POST', '/api/me/notifications/read', { caseId: newest.caseId }), 200);
    const after = await mine(confidant);
    expect(after.unread).toBe(before.unread - 1);
    expect(after.notifications.find((n) => n.id === newest.id)?.readAt).not.toBeNull();
    expect(after.notifications.find((n) => n.id === older.id)?.readAt).toBeNull();

    await expectStatus(await call(t, confidant, 'POST', '/api/me/notifications/read', {}), 200);
    expect((await mine(confidant)).unread).toBe(0);
  });

  it('refuses a case id that is not a uuid with a field error', async () => {
    const response = await call(t, confidant, 'POST', '/api/me/notifications/read', { caseId: 'abc' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });
});
