import { asc, eq, inArray } from 'drizzle-orm';
import { isoOrNull, type PersonalDataContribution } from '../../lib/personal-data.ts';
import { handoverEvents, handovers } from './db.ts';

/** The handover of the package: the appointment as registered, the prints and the handing over. */
export const HANDOVER_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'handover',
      tables: ['handovers', 'handover_events'],
      async export({ db, personId }) {
        const rows = await db.select().from(handovers).where(eq(handovers.personId, personId));
        const ids = rows.map((row) => row.id);
        const events = ids.length
          ? await db
              .select()
              .from(handoverEvents)
              .where(inArray(handoverEvents.handoverId, ids))
              .orderBy(asc(handoverEvents.at))
          : [];
        return {
          records: rows.map((row) => ({
            registeredName: row.registeredName,
            office: row.office,
            regionKind: row.regionKind,
            region: row.region,
            installationDate: row.installationDate,
            registeredAt: row.createdAt.toISOString(),
            preparedAt: isoOrNull(row.preparedAt),
            lastPrintedAt: isoOrNull(row.lastPrintedAt),
            printCount: row.printCount,
            handedOverOn: row.handedOverOn,
            handedOverBy: row.handedOverBy,
            handedOverMethod: row.handedOverMethod,
            events: events
              .filter((event) => event.handoverId === row.id)
              .map((event) => ({ at: event.at.toISOString(), kind: event.kind })),
          })),
        };
      },
    },
  ],
  erasure: [
    {
      name: 'handover',
      async run(w, personId) {
        const removed = await w.tx
          .delete(handovers)
          .where(eq(handovers.personId, personId))
          .returning({ id: handovers.id });
        return { counts: { handovers: removed.length } };
      },
    },
  ],
  retention: [
    {
      category: 'handovers',
      tables: ['handovers', 'handover_events', 'handover_activation_codes'],
      keepDays: null,
      startsAt: '—',
      reason: 'The record of the package handed over to this office holder; it goes with the account.',
      enforcedBy: 'account deletion',
    },
  ],
};
