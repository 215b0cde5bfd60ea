import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/db.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * In-app notifications: a kind and what it is about (`subject_type` + `subject_id`: a case, a training
 * session, …), never content. The subject is a reference, not a foreign key: the module that owns the
 * record removes its notifications when it destroys the record (NotificationService.forget).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    readAt: at('read_at'),
  },
  (table) => [
    index('notifications_person_idx').on(table.personId, table.createdAt),
    index('notifications_subject_idx').on(table.subjectType, table.subjectId),
    // The unread count on every page: only the unread ones, not a person's whole history.
    index('notifications_unread_idx').on(table.personId).where(sql`read_at IS NULL`),
  ],
);
