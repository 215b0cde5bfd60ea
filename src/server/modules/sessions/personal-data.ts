import { and, asc, eq, isNotNull, lt, or } from 'drizzle-orm';
import { isoOrNull, type PersonalDataContribution } from '../../lib/personal-data.ts';
import { sessions } from './db.ts';
import { endAllSessions } from './service.ts';

const DAY_MS = 86_400_000;

/** Ended and expired sessions stay visible under "my sessions" for a while, then go. */
export const SESSION_KEEP_DAYS = 90;

/** The sessions module's personal data: every session of the person (no token: only its hash is stored). */
export const SESSIONS_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'sessions',
      tables: ['sessions'],
      async export({ db, personId }) {
        const rows = await db
          .select()
          .from(sessions)
          .where(eq(sessions.personId, personId))
          .orderBy(asc(sessions.createdAt));
        return {
          records: rows.map((row) => ({
            id: row.id,
            method: row.method,
            createdAt: row.createdAt.toISOString(),
            lastSeenAt: row.lastSeenAt.toISOString(),
            expiresAt: row.expiresAt.toISOString(),
            authenticatedAt: row.authenticatedAt.toISOString(),
            userAgent: row.userAgent,
            endedAt: isoOrNull(row.endedAt),
            endReason: row.endReason,
          })),
        };
      },
    },
  ],
  erasure: [
    {
      name: 'sessions',
      async run(w, personId) {
        const ended = await endAllSessions(w.tx, w, personId, 'account_deleted');
        await w.tx.delete(sessions).where(eq(sessions.personId, personId));
        return { counts: { sessionsEnded: ended } };
      },
    },
  ],
  retention: [
    {
      category: 'sessions',
      tables: ['sessions'],
      keepDays: SESSION_KEEP_DAYS,
      startsAt: 'the session ended or expired',
      reason: 'Lets the person see where they were signed in and spot a session that was not theirs.',
      sweep: async ({ tx: db, now }) => {
        const before = new Date(now.getTime() - SESSION_KEEP_DAYS * DAY_MS);
        const removed = await db
          .delete(sessions)
          .where(or(and(isNotNull(sessions.endedAt), lt(sessions.endedAt, before)), lt(sessions.expiresAt, before)))
          .returning({ id: sessions.id });
        return removed.length;
      },
    },
  ],
};
