import { and, asc, eq, isNotNull, lt, or } from 'drizzle-orm';
import { isoOrNull, type PersonalDataContribution } from '../../lib/personal-data.ts';
import { notifications } from './db.ts';

const DAY_MS = 86_400_000;
export const NOTIFICATION_READ_KEEP_DAYS = 180;
export const NOTIFICATION_KEEP_DAYS = 365;

/** In-app notifications: a kind and what they are about (never content). */
export const NOTIFICATIONS_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'notifications',
      tables: ['notifications'],
      async export({ db, personId }) {
        const rows = await db
          .select()
          .from(notifications)
          .where(eq(notifications.personId, personId))
          .orderBy(asc(notifications.createdAt));
        return {
          records: rows.map((row) => ({
            id: row.id,
            kind: row.kind,
            subjectType: row.subjectType,
            subjectId: row.subjectId,
            createdAt: row.createdAt.toISOString(),
            readAt: isoOrNull(row.readAt),
          })),
        };
      },
    },
  ],
  erasure: [
    {
      name: 'notifications',
      async run(w, personId) {
        const removed = await w.tx
          .delete(notifications)
          .where(eq(notifications.personId, personId))
          .returning({ id: notifications.id });
        return { counts: { notifications: removed.length } };
      },
    },
  ],
  retention: [
    {
      category: 'notifications_read',
      tables: ['notifications'],
      keepDays: NOTIFICATION_READ_KEEP_DAYS,
      startsAt: 'the person read the notification',
      reason: 'A read notice has done its work; the record it pointed to keeps its own history.',
      sweep: async ({ tx: db, now }) => {
        const readBefore = new Date(now.getTime() - NOTIFICATION_READ_KEEP_DAYS * DAY_MS);
        const createdBefore = new Date(now.getTime() - NOTIFICATION_KEEP_DAYS * DAY_MS);
        const removed = await db
          .delete(notifications)
          .where(
            or(
              and(isNotNull(notifications.readAt), lt(notifications.readAt, readBefore)),
              lt(notifications.createdAt, createdBefore),
            ),
          )
          .returning({ id: notifications.id });
        return removed.length;
      },
    },
    {
      category: 'notifications_unread',
      tables: ['notifications'],
      keepDays: NOTIFICATION_KEEP_DAYS,
      startsAt: 'the notification was made (read or not)',
      reason: 'A notice nobody opened in a year no longer helps; removed by the same sweep as read ones.',
      enforcedBy: 'privacy.retention (notifications_read)',
    },
  ],
};
