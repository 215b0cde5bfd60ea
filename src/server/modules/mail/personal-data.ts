import { and, asc, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { isoOrNull, type PersonalDataContribution } from '../../lib/personal-data.ts';
import { people } from '../people/db.ts';
import { mailOutbox } from './db.ts';

const DAY_MS = 86_400_000;
export const MAIL_SENT_KEEP_DAYS = 30;
export const MAIL_UNSENT_KEEP_DAYS = 90;

async function emailOf(db: DbOrTx, personId: string): Promise<string | null> {
  const [row] = await db.select({ email: people.email }).from(people).where(eq(people.id, personId));
  return row?.email ?? null;
}

/**
 * Mail sent to the person: the outbox is addressed by e-mail address, not by person, so it is found
 * through the account's address. The export says what was sent and when; never the body (an
 * activation link is a credential, and the bodies hold only a notice and a link).
 */
export const MAIL_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'mail',
      tables: ['mail_outbox'],
      async export({ db, personId }) {
        const email = await emailOf(db, personId);
        if (!email) return { records: [] };
        const rows = await db
          .select()
          .from(mailOutbox)
          .where(eq(mailOutbox.recipient, email))
          .orderBy(asc(mailOutbox.createdAt));
        return {
          records: rows.map((row) => ({
            id: row.id,
            recipient: row.recipient,
            subject: row.subject,
            kind: row.kind,
            createdAt: row.createdAt.toISOString(),
            sentAt: isoOrNull(row.sentAt),
          })),
        };
      },
    },
  ],
  erasure: [
    {
      name: 'mail',
      async run(w, personId) {
        const email = await emailOf(w.tx, personId);
        if (!email) return undefined;
        const removed = await w.tx
          .delete(mailOutbox)
          .where(eq(mailOutbox.recipient, email))
          .returning({ id: mailOutbox.id });
        return { counts: { mails: removed.length } };
      },
    },
  ],
  retention: [
    {
      category: 'mail_outbox_sent',
      tables: ['mail_outbox'],
      keepDays: MAIL_SENT_KEEP_DAYS,
      startsAt: 'the mail was delivered',
      reason: 'Enough to answer "did I get the mail?"; the body of an SMTP delivery is erased at once.',
      sweep: async ({ tx: db, now }) => {
        const sentBefore = new Date(now.getTime() - MAIL_SENT_KEEP_DAYS * DAY_MS);
        const madeBefore = new Date(now.getTime() - MAIL_UNSENT_KEEP_DAYS * DAY_MS);
        const removed = await db
          .delete(mailOutbox)
          .where(
            or(
              and(isNotNull(mailOutbox.sentAt), lt(mailOutbox.sentAt, sentBefore)),
              and(isNull(mailOutbox.sentAt), lt(mailOutbox.createdAt, madeBefore)),
            ),
          )
          .returning({ id: mailOutbox.id });
        return removed.length;
      },
    },
    {
      category: 'mail_outbox_unsent',
      tables: ['mail_outbox'],
      keepDays: MAIL_UNSENT_KEEP_DAYS,
      startsAt: 'the mail was queued (never delivered)',
      reason: 'Time to find and fix a delivery fault; after that the notice is stale.',
      enforcedBy: 'privacy.retention (mail_outbox_sent)',
    },
  ],
};
