import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Outgoing mail. Messages carry no sensitive content (a notice and a link), but an invitation link is a
 * credential, so the body is encrypted at rest and, once delivered by SMTP, erased.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    bodyEnvelope: text('body_envelope'),
    /** Files that go with the notice (a calendar invitation), encrypted like the body and erased with it. */
    attachmentsEnvelope: text('attachments_envelope'),
    kind: text('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /**
     * While a delivery run (of any instance) holds the message: no other run takes it before this. Longer
     * than nodemailer's slowest send; a run that died mid-way leaves it to whichever run comes after.
     */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** The class of the last failed attempt (e.g. `smtp_temporary:451`), never the server's text (it may name the recipient). */
    error: text('error'),
    /** Delivery attempts made (claimed), failed or not. */
    attempts: integer('attempts').notNull().default(0),
    /**
     * When the next attempt is due (the back-off after a failure); null: due now (never tried, or sent
     * again by an admin), whatever the clock says.
     */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Set when delivery was given up (a permanent refusal, or every retry spent): the dead letters. */
    deadAt: timestamp('dead_at', { withTimezone: true }),
  },
  (table) => [
    // What is waiting to be delivered, without reading the sent history.
    index('mail_outbox_pending_idx').on(table.createdAt).where(sql`sent_at IS NULL`),
    // What is due for an attempt now (the deliverer's claim), and the dead letters for the admin page.
    index('mail_outbox_due_idx').on(table.nextAttemptAt).where(sql`sent_at IS NULL AND dead_at IS NULL`),
    index('mail_outbox_dead_idx').on(table.deadAt).where(sql`dead_at IS NOT NULL`),
  ],
);
