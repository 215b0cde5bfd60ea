import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../../test/helpers/smtp-server.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { parseConfig } from '../../config.ts';
import { auditLog } from '../audit/db.ts';
import { mailOutbox } from './db.ts';
import { deliverDue } from './delivery.ts';
import { queueMails } from './service.ts';
import { createMailTransport } from './transport.ts';

/**
 * Delivery against a real SMTP server (smtp-server on loopback, spoken to by nodemailer): temporary
 * refusals are retried with back-off by the job runner, a permanent refusal becomes a dead letter at
 * once, and concurrent deliverers never send one mail twice.
 */
describe('mail delivery through SMTP', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: TestActor;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    const transport = createMailTransport(parseConfig({ NODE_ENV: 'test', SMTP_URL: smtp.url }));
    t = await createTestApp({
      env: { SMTP_URL: smtp.url },
      // Short waits, so the job runner's retries happen within the test.
      build: { mailTransport: transport, mailRetryDelaysMs: [200, 200, 200] },
    });
    admin = await createActor(t, ['admin']);
  });
  afterEach(() => {
    smtp.onConnect = () => null;
    smtp.onRecipient = () => null;
    smtp.dataDelayMs = 0;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const invite = async (email: string) => {
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/admin/people',
      headers: admin.headers,
      payload: { email, roles: ['officeholder'] },
    });
    expect(invited.statusCode).toBe(201);
  };
  const rowFor = async (email: string) => {
    const [row] = await t.app.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, email));
    if (!row) throw new Error(`no mail to ${email}`);
    return row;
  };
  const receivedBy = (email: string) => smtp.received.filter((message) => message.to.includes(email));

  it('retries temporary refusals (421, then 451) through the job runner and delivers once', async () => {
    const email = 'later@example.org';
    let connects = 0;
    smtp.onConnect = () => (++connects === 1 ? { code: 421, message: 'Try again later' } : null);
    let rcpts = 0;
    smtp.onRecipient = (address) =>
      address === email && ++rcpts === 1 ? { code: 451, message: `Greylisted <${address}>` } : null;
    await t.app.jobs.start();
    try {
      await invite(email);
      // The unit of work tried at once, after the commit: refused at the greeting.
      const first = await rowFor(email);
      expect(first).toMatchObject({ attempts: 1, error: 'smtp_temporary:421', sentAt: null, deadAt: null });
      expect(first.bodyEnvelope).not.toBeNull();
      // The retry job takes it from there: greylisted once more, then accepted.
      await expect.poll(async () => (await rowFor(email)).sentAt, { timeout: 30_000, interval: 250 }).not.toBeNull();
    } finally {
      await t.app.jobs.stop();
    }
    const sent = await rowFor(email);
    expect(sent).toMatchObject({ attempts: 3, error: null, bodyEnvelope: null, attachmentsEnvelope: null });
    expect(receivedBy(email)).toHaveLength(1);
    expect(receivedBy(email)[0]?.raw).toContain('/activeren#token=');
    // Nothing left to do: another pass sends nothing again.
    await t.app.mail.flush();
    expect(receivedBy(email)).toHaveLength(1);
  });

  it('makes a permanently refused mail a dead letter at once, shown to admins without its content', async () => {
    const email = 'bestaat-niet@example.org';
    smtp.onRecipient = (address) => (address === email ? { code: 550, message: `No such user <${address}>` } : null);
    await invite(email);
    const dead = await rowFor(email);
    expect(dead).toMatchObject({ attempts: 1, error: 'smtp_permanent:550', sentAt: null });
    expect(dead.deadAt).not.toBeNull();
    // No endless retries: later passes leave it alone.
    await t.app.mail.flush();
    await deliverDue(t.app.db, t.keyring, t.app.mail.transport, { now: () => new Date(Date.now() + 86_400_000) });
    expect(smtp.recipientsTried.filter((address) => address === email)).toHaveLength(1);
    expect((await rowFor(email)).attempts).toBe(1);

    const url = '/api/admin/mail/dead-letters';
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `${url}?pageSize=0`, headers: admin.headers })).statusCode).toBe(
      400,
    );
    const peer = await createActor(t, ['peer']);
    expect((await t.app.inject({ method: 'GET', url, headers: peer.headers })).statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(list.statusCode).toBe(200);
    const entry = list.json().deadLetters.find((letter: { id: string }) => letter.id === dead.id);
    expect(entry).toEqual({
      id: dead.id,
      recipient: 'b…@example.org',
      kind: 'invitation',
      attempts: 1,
      errorClass: 'smtp_permanent:550',
      createdAt: dead.createdAt.toISOString(),
      deadAt: dead.deadAt?.toISOString(),
    });
    expect(list.body).not.toContain(email);
    expect(list.body).not.toContain(dead.subject);
    expect(list.body).not.toContain('activeren');
  });

  it('lets an admin send a dead letter again (401 → 400 → 404 → 204), audited', async () => {
    const email = 'opnieuw@example.org';
    smtp.onRecipient = (address) => (address === email ? { code: 554, message: 'Refused' } : null);
    await invite(email);
    const dead = await rowFor(email);
    expect(dead.deadAt).not.toBeNull();
    smtp.onRecipient = () => null;

    const retry = (id: string, headers?: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/admin/mail/dead-letters/${id}/retry`,
        ...(headers ? { headers } : {}),
      });
    expect((await retry(dead.id)).statusCode).toBe(401);
    expect((await retry('not-a-uuid', admin.headers)).statusCode).toBe(400);
    expect((await retry(crypto.randomUUID(), admin.headers)).statusCode).toBe(404);
    expect((await retry(dead.id, admin.headers)).statusCode).toBe(204);
    // Delivered after the commit, once; no longer a dead letter, so a second retry finds nothing.
    const sent = await rowFor(email);
    expect(sent).toMatchObject({ deadAt: null, attempts: 2, error: null, bodyEnvelope: null });
    expect(sent.sentAt).not.toBeNull();
    expect(receivedBy(email)).toHaveLength(1);
    expect((await retry(dead.id, admin.headers)).statusCode).toBe(404);
    const audits = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'mail.dead_letter_retried'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      recordId: dead.id,
      actorPersonId: admin.personId,
      details: { kind: 'invitation' },
    });
    expect(audits[0]?.subjectPersonId).not.toBeNull();
  });

  it('gives up after every retry is spent', async () => {
    const email = 'altijd-bezet@example.org';
    smtp.onRecipient = (address) => (address === email ? { code: 452, message: 'Mailbox full' } : null);
    await invite(email);
    // Three waits: three retries after the first attempt, then dead (the clock moved past each wait).
    for (let n = 1; n <= 3; n++) {
      await deliverDue(t.app.db, t.keyring, t.app.mail.transport, {
        now: () => new Date(Date.now() + n * 60_000),
        retryDelaysMs: [200, 200, 200],
      });
    }
    const row = await rowFor(email);
    expect(row).toMatchObject({ attempts: 4, error: 'smtp_temporary:452', sentAt: null });
    expect(row.deadAt).not.toBeNull();
    expect(smtp.recipientsTried.filter((address) => address === email)).toHaveLength(4);
  });

  it('never sends one mail twice when two deliverers run at once', async () => {
    const recipients = Array.from({ length: 6 }, (_, n) => `samen-${n}@example.org`);
    await t.app.db.transaction((tx) =>
      queueMails(
        tx,
        t.keyring,
        recipients.map((to) => ({
          to,
          subject: 'Melding',
          text: 'Er is een bericht voor u.',
          kind: 'notice' as const,
        })),
      ),
    );
    // Slow acceptance, so both deliverers are busy at the same time.
    smtp.dataDelayMs = 100;
    const deliverer = () => deliverDue(t.app.db, t.keyring, t.app.mail.transport, { now: () => new Date() });
    const [one, two] = await Promise.all([deliverer(), deliverer()]);
    expect((one?.delivered ?? 0) + (two?.delivered ?? 0)).toBe(recipients.length);
    for (const to of recipients) expect(receivedBy(to), to).toHaveLength(1);
  });
});
