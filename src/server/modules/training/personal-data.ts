import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { isoOrNull, type PersonalDataContribution } from '../../lib/personal-data.ts';
import { trainingEnrolments, trainingOfferings, trainingSessions } from './db.ts';
import { lockSession } from './records.ts';
import { PROMOTE_JOB } from './waitlist.ts';

const DAY_MS = 86_400_000;
/** Attendance is the proof of a training followed (the certificate); kept this long after the session. */
export const ENROLMENT_KEEP_DAYS = 5 * 365;

/** Training enrolments: which session, the seat or waiting-list place, attendance. */
export const TRAINING_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'training_enrolments',
      tables: ['training_enrolments'],
      async export({ db, personId }) {
        const rows = await db
          .select({ enrolment: trainingEnrolments, offering: trainingOfferings, session: trainingSessions })
          .from(trainingEnrolments)
          .innerJoin(trainingOfferings, eq(trainingOfferings.id, trainingEnrolments.offeringId))
          .innerJoin(trainingSessions, eq(trainingSessions.id, trainingEnrolments.sessionId))
          .where(eq(trainingEnrolments.personId, personId))
          .orderBy(asc(trainingEnrolments.enrolledAt));
        return {
          records: rows.map(({ enrolment, offering, session }) => ({
            training: offering.titleNl,
            trainingEn: offering.titleEn,
            provider: offering.provider,
            city: session.city,
            venue: session.venue,
            startsAt: session.startsAt.toISOString(),
            endsAt: session.endsAt.toISOString(),
            status: enrolment.status,
            waitlistNumber: enrolment.waitlistNumber,
            attended: enrolment.attended,
            enrolledAt: enrolment.enrolledAt.toISOString(),
            confirmedAt: isoOrNull(enrolment.confirmedAt),
            endedAt: isoOrNull(enrolment.endedAt),
          })),
        };
      },
    },
  ],
  exclusions: [
    {
      table: 'training_offerings',
      reason:
        'Public descriptions of a training; the coordinator who made one is a work record, not data about a participant.',
    },
    {
      table: 'training_sessions',
      reason: 'Public dates and places of a training run; who planned it is a work record of the coordinator.',
    },
  ],
  erasure: [
    {
      // A held seat is given back (under the session's lock, as a cancellation does) and goes to the
      // next person waiting; then the enrolments go with the account.
      name: 'training_enrolments',
      async run(w, personId) {
        const active = await w.tx
          .select()
          .from(trainingEnrolments)
          .where(and(eq(trainingEnrolments.personId, personId), eq(trainingEnrolments.status, 'confirmed')));
        let seatsFreed = 0;
        for (const enrolment of active) {
          const session = await lockSession(w.tx, enrolment.sessionId);
          if (!session || session.cancelledAt || session.endsAt.getTime() <= w.now.getTime()) continue;
          await w.tx
            .update(trainingSessions)
            .set({ confirmedCount: sql`${trainingSessions.confirmedCount} - 1` })
            .where(eq(trainingSessions.id, session.id));
          w.sendJob(PROMOTE_JOB, { sessionId: session.id });
          seatsFreed++;
        }
        await w.tx.delete(trainingEnrolments).where(eq(trainingEnrolments.personId, personId));
        return { counts: { trainingSeatsFreed: seatsFreed } };
      },
    },
  ],
  retention: [
    {
      category: 'training_enrolments',
      tables: ['training_enrolments'],
      keepDays: ENROLMENT_KEEP_DAYS,
      startsAt: 'the session ended',
      reason: 'Attendance proves a training was followed (the certificate can be made again).',
      sweep: async ({ tx: db, now }) => {
        const before = new Date(now.getTime() - ENROLMENT_KEEP_DAYS * DAY_MS);
        const ended = db
          .select({ id: trainingSessions.id })
          .from(trainingSessions)
          .where(lt(trainingSessions.endsAt, before));
        const removed = await db
          .delete(trainingEnrolments)
          .where(inArray(trainingEnrolments.sessionId, ended))
          .returning({ id: trainingEnrolments.id });
        return removed.length;
      },
    },
  ],
};
