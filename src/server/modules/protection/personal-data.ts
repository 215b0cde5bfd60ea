import { asc, eq } from 'drizzle-orm';
import type { PersonalDataContribution } from '../../lib/personal-data.ts';
import { protectionConversations } from './db.ts';

/** The protection step in the person's export: per incident when they were informed and their review date. */
export const PROTECTION_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'protection',
      tables: ['protection_conversations'],
      async export({ db, personId }) {
        const rows = await db
          .select()
          .from(protectionConversations)
          .where(eq(protectionConversations.ownerId, personId))
          .orderBy(asc(protectionConversations.informedAt));
        return {
          records: rows.map((row) => ({
            incidentId: row.incidentId,
            informedAt: row.informedAt.toISOString(),
            reviewOn: row.reviewOn,
            updatedAt: row.updatedAt.toISOString(),
          })),
        };
      },
    },
  ],
  erasure: [
    {
      name: 'protection',
      async run(w, personId) {
        const removed = await w.tx
          .delete(protectionConversations)
          .where(eq(protectionConversations.ownerId, personId))
          .returning({ id: protectionConversations.incidentId });
        return { counts: { protectionConversations: removed.length } };
      },
    },
  ],
  retention: [
    {
      category: 'protection',
      tables: ['protection_conversations'],
      keepDays: null,
      startsAt: '—',
      reason: 'A step of the person’s own incident record; it goes with the incident or the account.',
      enforcedBy: 'the owner (delete the incident, or the account)',
    },
  ],
};
