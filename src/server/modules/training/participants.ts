import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Office } from '../../../shared/people.ts';
import type { AttendanceBody, Participant, TrainingAuditAction } from '../../../shared/training.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import { csvDocument } from './csv.ts';
import { trainingEnrolments } from './db.ts';
import { authorizeProgramme, requireActor } from './policy.ts';
import { lockSession, selectSession, type TrainingDeps } from './records.ts';

/**
 * The coordinator's view of who takes part: name, office and municipality, seat or waiting-list place,
 * attendance. Never an e-mail address, never anything from a case. Every look at the list (on screen or
 * as CSV) is in the audit trail once per person on it, so each of them sees it in their access log.
 */

async function participantRows(w: Pick<Work, 'tx'>, sessionId: string) {
  return w.tx
    .select({
      enrolmentId: trainingEnrolments.id,
      personId: trainingEnrolments.personId,
      status: trainingEnrolments.status,
      waitlistNumber: trainingEnrolments.waitlistNumber,
      attended: trainingEnrolments.attended,
      name: people.displayName,
      office: people.office,
      region: people.region,
    })
    .from(trainingEnrolments)
    .innerJoin(people, eq(people.id, trainingEnrolments.personId))
    .where(
      and(eq(trainingEnrolments.sessionId, sessionId), inArray(trainingEnrolments.status, ['confirmed', 'waiting'])),
    )
    .orderBy(asc(trainingEnrolments.waitlistNumber), asc(trainingEnrolments.enrolledAt), asc(trainingEnrolments.id));
}

type Row = Awaited<ReturnType<typeof participantRows>>[number];

async function auditList(w: Work, rows: readonly Row[], sessionId: string, action: TrainingAuditAction) {
  for (const row of rows) {
    await recordAudit(w.tx, w, {
      action,
      subjectPersonId: row.personId,
      recordType: 'training_enrolment',
      recordId: row.enrolmentId,
      details: { sessionId },
    });
  }
}

function present(rows: readonly Row[]): { confirmed: Participant[]; waiting: Participant[] } {
  const view = (row: Row, position: number | null): Participant => ({
    enrolmentId: row.enrolmentId,
    name: row.name,
    office: (row.office as Office | null) ?? null,
    region: row.region,
    status: row.status,
    waitlistPosition: position,
    attended: row.attended,
  });
  const confirmed = rows.filter((row) => row.status === 'confirmed');
  // Seat holders by name; the waiting list in its order.
  confirmed.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'nl'));
  const waiting = rows.filter((row) => row.status === 'waiting');
  return {
    confirmed: confirmed.map((row) => view(row, null)),
    waiting: waiting.map((row, index) => view(row, index + 1)),
  };
}

export async function listParticipants(deps: TrainingDeps, ctx: ServiceContext, sessionId: string) {
  const actor = requireActor(ctx.actor);
  return deps.uow.run(ctx, async (w) => {
    const session = await selectSession(w.tx, sessionId);
    authorizeProgramme(actor, 'listParticipants', session);
    const rows = await participantRows(w, sessionId);
    await auditList(w, rows, sessionId, 'training.participants_viewed');
    return present(rows);
  });
}

/** The seat holders as CSV: name, office, municipality (nothing else), safe to open in a spreadsheet. */
export async function exportParticipants(deps: TrainingDeps, ctx: ServiceContext, sessionId: string): Promise<string> {
  const actor = requireActor(ctx.actor);
  return deps.uow.run(ctx, async (w) => {
    const session = await selectSession(w.tx, sessionId);
    authorizeProgramme(actor, 'listParticipants', session);
    const rows = (await participantRows(w, sessionId)).filter((row) => row.status === 'confirmed');
    await auditList(w, rows, sessionId, 'training.participants_exported');
    const { confirmed } = present(rows);
    return csvDocument(
      ['naam', 'ambt', 'gemeente'],
      confirmed.map((row) => [row.name ?? '', row.office ?? '', row.region ?? '']),
    );
  });
}

/**
 * Records who attended, once the session has ended (not for a cancelled one). Only seat holders can
 * have attended; each change is audited for the person it is about. The whole list or nothing.
 */
export async function recordAttendance(
  deps: TrainingDeps,
  ctx: ServiceContext,
  sessionId: string,
  body: AttendanceBody,
): Promise<{ confirmed: Participant[]; waiting: Participant[] }> {
  const actor = requireActor(ctx.actor);
  return deps.uow.run(ctx, async (w) => {
    const session = await lockSession(w.tx, sessionId);
    authorizeProgramme(actor, 'recordAttendance', session);
    if (!session) throw notFound();
    if (session.cancelledAt) {
      throw new AppError(409, 'session_cancelled', 'Conflict', 'This session was cancelled.', [
        { field: 'params/sessionId', code: 'session_cancelled', message: 'This session was cancelled.' },
      ]);
    }
    if (w.now.getTime() < session.endsAt.getTime()) {
      throw new AppError(409, 'session_not_ended', 'Conflict', 'Attendance is recorded after the session.', [
        { field: 'params/sessionId', code: 'session_not_ended', message: 'Attendance is recorded after the session.' },
      ]);
    }
    const rows = await participantRows(w, sessionId);
    const seats = new Map(rows.filter((row) => row.status === 'confirmed').map((row) => [row.enrolmentId, row]));
    const unknown = body.attendance
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => !seats.has(entry.enrolmentId));
    if (unknown.length > 0) {
      throw badRequest(
        'not_a_participant',
        'Attendance can only be recorded for people with a seat in this session.',
        unknown.map(({ index }) => ({
          field: `body/attendance/${index}/enrolmentId`,
          code: 'not_a_participant',
          message: 'Not a seat holder of this session.',
        })),
      );
    }
    for (const entry of body.attendance) {
      const row = seats.get(entry.enrolmentId);
      if (!row || row.attended === entry.attended) continue;
      await w.tx
        .update(trainingEnrolments)
        .set({
          attended: entry.attended,
          attendanceRecordedAt: w.now,
          attendanceRecordedBy: actor.personId,
          updatedAt: w.now,
        })
        .where(eq(trainingEnrolments.id, entry.enrolmentId));
      await recordAudit(w.tx, w, {
        action: 'training.attendance_recorded',
        subjectPersonId: row.personId,
        recordType: 'training_enrolment',
        recordId: row.enrolmentId,
        details: { sessionId, attended: entry.attended },
      });
    }
    return present(await participantRows(w, sessionId));
  });
}
