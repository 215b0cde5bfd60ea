import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { onPostgres } from '../../../../test/helpers/test-database.ts';
import { mailOutbox } from './db.ts';
import { deliverDue, MAIL_RETRY_DELAYS_MS } from './delivery.ts';
import { deliverPending, queueMails } from './service.ts';
import type { MailTransport, OutgoingMail } from './transport.ts';

/**
 * Several delivery runs at once (several instances flushing the one outbox, or one instance's runs
 * overlapping) deliver each message once: a run claims what it takes, and a failed one is released for
 * the run after its back-off (delivery.int.test.ts tests the same against a real SMTP server).
 */
describe(`mail delivery by several runs at once (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const queue = (recipients: string[]) =>
    t.app.db.transaction((tx) =>
      queueMails(
        tx,
        t.keyring,
        recipients.map((to) => ({ to, subject: 'Melding', text: `Er is iets nieuws voor ${to}.`, kind: 'notice' })),
      ),
    );

  /** A transport that takes its time, so the runs overlap. */
  function slowTransport(delivered: OutgoingMail[], failFor: string | null = null): MailTransport {
    return {
      local: true,
      deliver: async (mail) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (mail.to === failFor) throw new Error('mailbox unavailable');
        delivered.push(mail);
      },
    };
  }

  it('delivers each waiting message once when three runs start together', async () => {
    const recipients = Array.from({ length: 12 }, (_, i) => `ontvanger-${i}@example.org`);
    const ids = await queue(recipients);
    const delivered: OutgoingMail[] = [];
    const counts = await Promise.all(
      [1, 2, 3].map(() => deliverPending(t.app.db, t.keyring, slowTransport(delivered))),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
    expect(delivered.map((mail) => mail.to).sort()).toEqual([...recipients].sort());
    const rows = await t.app.db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
    for (const row of rows) {
      expect(row.sentAt).not.toBeNull();
      expect(row.claimedUntil).toBeNull();
    }
    // Nothing is left for a later run.
    expect(await deliverPending(t.app.db, t.keyring, slowTransport(delivered))).toBe(0);
  });

  it('releases a message whose delivery failed, and the next run delivers it', async () => {
    const [id] = await queue(['tijdelijk-onbereikbaar@example.org']);
    const delivered: OutgoingMail[] = [];
    expect(
      await deliverPending(t.app.db, t.keyring, slowTransport(delivered, 'tijdelijk-onbereikbaar@example.org')),
    ).toBe(0);
    const [failed] = await t.app.db
      .select()
      .from(mailOutbox)
      .where(inArray(mailOutbox.id, [id as string]));
    // The server's text is not kept (it may name the recipient): a plain error has no class.
    expect(failed?.error).toBe('unknown');
    expect(failed?.claimedUntil).toBeNull();
    expect(failed?.sentAt).toBeNull();
    // Not before its back-off; then once.
    expect(await deliverPending(t.app.db, t.keyring, slowTransport(delivered))).toBe(0);
    const later = () => new Date(Date.now() + (MAIL_RETRY_DELAYS_MS[0] ?? 0) + 1000);
    expect((await deliverDue(t.app.db, t.keyring, slowTransport(delivered), { now: later })).delivered).toBe(1);
    expect(delivered.map((mail) => mail.to)).toEqual(['tijdelijk-onbereikbaar@example.org']);
  });
});
