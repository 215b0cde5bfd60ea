import { randomUUID as newUuid } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/lib/context.ts';
import type { AppNotification } from '../../src/shared/notifications.ts';
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
    expect(staff.notifications.map((n) => [n.subject?.id, n.kind, n.subject?.view, n.subject?.reference])).toEqual([
      [second.caseId, 'case_new_in_queue', 'staff', second.reference],
      [first.caseId, 'case_new_in_queue', 'staff', first.reference],
    ]);
    expect(staff.notifications[0]?.subject).toMatchObject({ type: 'case', subtype: 'support' });

    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${first.caseId}/take`, {}), 200);
    const own = await mine(requester);
    expect(own.notifications[0]).toMatchObject({
      subject: { type: 'case', id: first.caseId, view: 'requester' },
      readAt: null,
    });
  });

  it('opening a case marks only that case read; nobody can mark another person read', async () => {
    const before = await mine(confidant);
    const [newest, older] = before.notifications;
    if (!newest?.subject || !older?.subject) throw new Error('expected two notifications');
    const aboutNewest = { type: 'case', id: newest.subject.id };

    // Someone else's case id or notification id changes nothing for the confidant.
    await expectStatus(
      await call(t, stranger, 'POST', '/api/me/notifications/read', { subject: aboutNewest, ids: [newest.id] }),
      200,
    );
    expect((await mine(confidant)).unread).toBe(before.unread);

    await expectStatus(await call(t, confidant, 'POST', '/api/me/notifications/read', { subject: aboutNewest }), 200);
    const after = await mine(confidant);
    expect(after.unread).toBe(before.unread - 1);
    expect(after.notifications.find((n) => n.id === newest.id)?.readAt).not.toBeNull();
    expect(after.notifications.find((n) => n.id === older.id)?.readAt).toBeNull();

    await expectStatus(await call(t, confidant, 'POST', '/api/me/notifications/read', {}), 200);
    expect((await mine(confidant)).unread).toBe(0);
  });

  it('refuses a subject id that is not a uuid, and the old case-only field, with a field error', async () => {
    for (const body of [
      { subject: { type: 'case', id: 'abc' } },
      { subject: { type: 'Case!', id: newUuid() } },
      { caseId: newUuid() },
    ]) {
      const response = await call(t, confidant, 'POST', '/api/me/notifications/read', body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
  });

  it('notifies about something that is not a case: a subject of another module, and general news', async () => {
    const sessionId = newUuid();
    // Two changes, one after the other (within one transaction both would carry the same moment).
    await t.app.unitOfWork.run(systemContext(), (w) =>
      t.app.notifications.notify(w, [requester.personId], 'training_reminder', {
        type: 'training_session',
        id: sessionId,
      }),
    );
    await t.app.unitOfWork.run(systemContext(), (w) =>
      t.app.notifications.notify(w, [requester.personId], 'general_news', null, { mail: false }),
    );
    const list = await mine(requester);
    // No module describes training sessions here: the subject comes without a name; general news has none.
    expect(list.notifications.slice(0, 2)).toMatchObject([
      { kind: 'general_news', subject: null, readAt: null },
      { kind: 'training_reminder', subject: { type: 'training_session', id: sessionId, reference: null, view: null } },
    ]);
    await expectStatus(
      await call(t, requester, 'POST', '/api/me/notifications/read', {
        subject: { type: 'training_session', id: sessionId },
      }),
      200,
    );
    const after = await mine(requester);
    expect(after.notifications.find((n) => n.kind === 'training_reminder')?.readAt).not.toBeNull();
    expect(after.notifications.find((n) => n.kind === 'general_news')?.readAt).toBeNull();
  });
});
