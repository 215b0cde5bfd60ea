import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { auditLog } from '../audit/db.ts';

describe('the local outbox', () => {
  let t: TestApp;
  let admin: TestActor;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createActor(t, ['admin']);
  });
  afterAll(() => t.close());

  it('lists the mail and shows one message, auditing the read with the recipient as subject', async () => {
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/admin/people',
      headers: admin.headers,
      payload: { email: 'postbus@example.org', roles: ['officeholder'] },
    });
    const personId = invited.json().person.id;
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/outbox', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    const [message] = list.json().messages;
    expect(message).toMatchObject({ recipient: 'postbus@example.org', kind: 'invitation' });
    expect(message.body).toBeUndefined();

    const read = await t.app.inject({ method: 'GET', url: `/api/admin/outbox/${message.id}`, headers: admin.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().message.body).toContain('/activeren#token=');
    const [audit] = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'mail.outbox_read'));
    expect(audit).toMatchObject({ subjectPersonId: personId, recordId: message.id, actorPersonId: admin.personId });

    expect(
      (await t.app.inject({ method: 'GET', url: `/api/admin/outbox/${crypto.randomUUID()}`, headers: admin.headers }))
        .statusCode,
    ).toBe(404);
    const peer = await createActor(t, ['peer']);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/outbox', headers: peer.headers })).statusCode).toBe(
      403,
    );
  });
});

describe('the outbox in production (local mail allowed explicitly)', () => {
  it('never shows an activation link whole, so an admin cannot activate someone else’s account', async () => {
    const t = await createTestApp({ env: { NODE_ENV: 'production', ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true' } });
    try {
      const admin = await createActor(t, ['admin']);
      const invited = await t.app.inject({
        method: 'POST',
        url: '/api/admin/people',
        headers: admin.headers,
        payload: { email: 'productie@example.org', roles: ['officeholder'] },
      });
      expect(invited.statusCode).toBe(201);
      // What was delivered (here: recorded by the test transport) holds the whole token …
      const token = /#token=([A-Za-z0-9_-]+)/.exec(t.sentMail.at(-1)?.text ?? '')?.[1] ?? '';
      expect(token.length).toBeGreaterThan(20);
      const list = (await t.app.inject({ method: 'GET', url: '/api/admin/outbox', headers: admin.headers })).json();
      const read = await t.app.inject({
        method: 'GET',
        url: `/api/admin/outbox/${list.messages[0].id}`,
        headers: admin.headers,
      });
      // … the outbox shows only its start.
      const body: string = read.json().message.body;
      expect(body).toContain(`/activeren#token=${token.slice(0, 4)}…`);
      expect(body).not.toContain(token);
      expect(body).not.toContain(token.slice(0, 12));
    } finally {
      await t.close();
    }
  });
});

describe('the outbox with a mail server configured', () => {
  it('does not exist', async () => {
    const t = await createTestApp({ env: { SMTP_URL: 'smtp://localhost:2525' } });
    try {
      const admin = await createActor(t, ['admin']);
      const list = await t.app.inject({ method: 'GET', url: '/api/admin/outbox', headers: admin.headers });
      expect(list.statusCode).toBe(404);
      const one = await t.app.inject({
        method: 'GET',
        url: `/api/admin/outbox/${crypto.randomUUID()}`,
        headers: admin.headers,
      });
      expect(one.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
