import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import type { NotificationService } from '../notifications/service.ts';
import { trainingEnrolments, trainingOfferings, trainingSessionParts, trainingSessions } from './db.ts';

/** What the training services need: the unit of work, notifications, and where the app lives. */
export interface TrainingDeps {
  uow: UnitOfWork;
  notifications: NotificationService;
  /** For links in calendar invitations and the host part of their UIDs. */
  publicUrl: string;
  /** The organiser of calendar invitations (MAIL_FROM). */
  mailFrom: string;
}

export type OfferingRow = typeof trainingOfferings.$inferSelect;
export type SessionRow = typeof trainingSessions.$inferSelect;
export type PartRow = typeof trainingSessionParts.$inferSelect;
export type EnrolmentRow = typeof trainingEnrolments.$inferSelect;

export interface SessionCounts {
  confirmed: number;
  waiting: number;
  cancelled: number;
  attended: number;
}

/** A session with everything its views need. */
export interface SessionBundle {
  session: SessionRow;
  parts: PartRow[];
  offering: OfferingRow;
  counts: SessionCounts;
}

/**
 * The session row, locked for the rest of the transaction when asked: every change to its seats and
 * waiting list takes this lock first, so they happen one after another per session.
 */
export async function selectSession(db: DbOrTx, id: string, lock = false): Promise<SessionRow | null> {
  const query = db.select().from(trainingSessions).where(eq(trainingSessions.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function lockSession(tx: Tx, id: string): Promise<SessionRow | null> {
  return selectSession(tx, id, true);
}

/** Sessions with their parts, offering and counts, in the order given. */
export async function bundlesOf(db: DbOrTx, sessions: readonly SessionRow[]): Promise<SessionBundle[]> {
  if (sessions.length === 0) return [];
  const ids = sessions.map((session) => session.id);
  const parts = await db
    .select()
    .from(trainingSessionParts)
    .where(inArray(trainingSessionParts.sessionId, ids))
    .orderBy(asc(trainingSessionParts.sessionId), asc(trainingSessionParts.partIndex));
  const offerings = await db
    .select()
    .from(trainingOfferings)
    .where(inArray(trainingOfferings.id, [...new Set(sessions.map((session) => session.offeringId))]));
  const tallies = await db
    .select({
      sessionId: trainingEnrolments.sessionId,
      status: trainingEnrolments.status,
      n: count(),
      attended: sql<number>`count(*) FILTER (WHERE ${trainingEnrolments.attended})::int`,
    })
    .from(trainingEnrolments)
    .where(inArray(trainingEnrolments.sessionId, ids))
    .groupBy(trainingEnrolments.sessionId, trainingEnrolments.status);
  return sessions.map((session) => {
    const offering = offerings.find((row) => row.id === session.offeringId);
    if (!offering) throw new Error(`Training session ${session.id} has no offering`);
    const mine = tallies.filter((tally) => tally.sessionId === session.id);
    const of = (status: string) => mine.find((tally) => tally.status === status)?.n ?? 0;
    return {
      session,
      parts: parts.filter((part) => part.sessionId === session.id),
      offering,
      counts: {
        confirmed: of('confirmed'),
        waiting: of('waiting'),
        cancelled: of('cancelled') + of('session_cancelled'),
        attended: mine.reduce((sum, tally) => sum + Number(tally.attended), 0),
      },
    };
  });
}

export async function bundleOf(db: DbOrTx, session: SessionRow): Promise<SessionBundle> {
  const [bundle] = await bundlesOf(db, [session]);
  if (!bundle) throw new Error('bundle missing');
  return bundle;
}

/** 1 for the next in line: how many waiting enrolments of the session come before or at this number. */
export async function waitlistPositions(
  db: DbOrTx,
  enrolments: readonly Pick<EnrolmentRow, 'id' | 'sessionId' | 'status' | 'waitlistNumber'>[],
): Promise<Map<string, number>> {
  const waiting = enrolments.filter((enrolment) => enrolment.status === 'waiting');
  if (waiting.length === 0) return new Map();
  const rows = await db
    .select({
      id: trainingEnrolments.id,
      sessionId: trainingEnrolments.sessionId,
      n: trainingEnrolments.waitlistNumber,
    })
    .from(trainingEnrolments)
    .where(
      and(
        inArray(trainingEnrolments.sessionId, [...new Set(waiting.map((enrolment) => enrolment.sessionId))]),
        eq(trainingEnrolments.status, 'waiting'),
      ),
    )
    .orderBy(asc(trainingEnrolments.waitlistNumber));
  const positions = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const row of rows) {
    const position = (seen.get(row.sessionId) ?? 0) + 1;
    seen.set(row.sessionId, position);
    positions.set(row.id, position);
  }
  return positions;
}
