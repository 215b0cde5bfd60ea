import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    /** While a delivery run (of any instance) holds the message: no other run takes it before this. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    error: text('error'),
  },
  // What is waiting to be delivered, without reading the sent history.
  (table) => [index('mail_outbox_pending_idx').on(table.createdAt).where(sql`sent_at IS NULL`)],
);
