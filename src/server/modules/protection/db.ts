import { date, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { incidents } from '../incidents/db.ts';
import { people } from '../people/db.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The one thing Weerbaar keeps about protection, per incident: that the person was informed about the
 * Stelsel bewaken en beveiligen (and so knows to talk to the police about it), and optionally the day on
 * which they want to look at it again. No measures, no threat levels, nothing operational: see README.md.
 */
export const protectionConversations = pgTable('protection_conversations', {
  incidentId: uuid('incident_id')
    .primaryKey()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  ownerId: uuid('owner_id')
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' }),
  informedAt: at('informed_at').notNull(),
  reviewOn: date('review_on', { mode: 'string' }),
  updatedAt: at('updated_at').notNull(),
});
