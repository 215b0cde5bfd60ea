import { and, eq, inArray, isNull } from 'drizzle-orm';
import { AFTERCARE_SUBJECT_TYPE } from '../../../shared/aftercare.ts';
import type { DbOrTx } from '../../db/index.ts';
import { type RecordName, type RecordNamer, type RecordRef, recordKey } from '../audit/records.ts';
import { caseAssignments, cases } from '../cases/db.ts';
import type { IncidentPathStepProvider } from '../incidents/path.ts';
import type { SubjectDescription } from '../notifications/service.ts';
import { aftercareCheckIns, aftercareParticipants, aftercarePlans } from './db.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How a plan appears in a reader's notification list: for a participant their own plan page (`mine`;
 * the case reference only for the person, whose case it is), for the case's assigned confidant the
 * case's plan (`staff`). Anyone else (a confidant no longer assigned) gets no description.
 */
export async function describePlans(
  db: DbOrTx,
  readerId: string,
  ids: readonly string[],
): Promise<Map<string, SubjectDescription>> {
  const described = new Map<string, SubjectDescription>();
  const rows = await db
    .select({ id: aftercarePlans.id, personId: aftercarePlans.personId, reference: cases.reference, caseId: cases.id })
    .from(aftercarePlans)
    .innerJoin(cases, eq(cases.id, aftercarePlans.caseId))
    .where(inArray(aftercarePlans.id, [...ids]));
  for (const row of rows) {
    const [part] = await db
      .select({ role: aftercareParticipants.role })
      .from(aftercareParticipants)
      .where(
        and(
          eq(aftercareParticipants.planId, row.id),
          eq(aftercareParticipants.personId, readerId),
          isNull(aftercareParticipants.leftAt),
        ),
      );
    if (part) {
      const reference = part.role === 'person' ? row.reference : null;
      described.set(row.id, { reference, subtype: null, view: 'mine' });
      continue;
    }
    const [assigned] = await db
      .select({ id: caseAssignments.id })
      .from(caseAssignments)
      .where(
        and(
          eq(caseAssignments.caseId, row.caseId),
          eq(caseAssignments.personId, readerId),
          isNull(caseAssignments.endedAt),
        ),
      );
    if (assigned) described.set(row.id, { reference: row.reference, subtype: null, view: 'staff' });
  }
  return described;
}

/**
 * Names aftercare records in a person's access log: a plan by its case's reference, a check-in by the
 * day it fell due (the person knows it as "the check-in of 12 December"). Never an answer.
 */
export const aftercareRecordNamer: RecordNamer = async (db: DbOrTx, refs: readonly RecordRef[]) => {
  const names = new Map<string, RecordName>();
  const planIds = refs.filter((r) => r.type === AFTERCARE_SUBJECT_TYPE && UUID.test(r.id)).map((r) => r.id);
  const checkInIds = refs.filter((r) => r.type === 'aftercare_check_in' && UUID.test(r.id)).map((r) => r.id);
  if (planIds.length > 0) {
    const rows = await db
      .select({ id: aftercarePlans.id, reference: cases.reference })
      .from(aftercarePlans)
      .innerJoin(cases, eq(cases.id, aftercarePlans.caseId))
      .where(inArray(aftercarePlans.id, [...new Set(planIds)]));
    for (const row of rows) {
      if (row.reference)
        names.set(recordKey({ type: AFTERCARE_SUBJECT_TYPE, id: row.id }), {
          reference: row.reference,
          kind: 'aftercare',
        });
    }
  }
  if (checkInIds.length > 0) {
    const rows = await db
      .select({ id: aftercareCheckIns.id, dueAt: aftercareCheckIns.dueAt })
      .from(aftercareCheckIns)
      .where(inArray(aftercareCheckIns.id, [...new Set(checkInIds)]));
    for (const row of rows) {
      names.set(recordKey({ type: 'aftercare_check_in', id: row.id }), {
        reference: row.dueAt.toISOString().slice(0, 10),
        kind: 'aftercare_check_in',
      });
    }
  }
  return names;
};

/**
 * The `aftercare` step of an incident's path: `todo` without a plan that follows this incident,
 * `started` while one is requested or runs, `done` once it ended. Only the state, never its contents.
 */
export const aftercarePathStep: IncidentPathStepProvider = {
  step: 'aftercare',
  async progress(db, incident) {
    const rows = await db
      .select({ status: aftercarePlans.status, updatedAt: aftercarePlans.updatedAt })
      .from(aftercarePlans)
      .where(and(eq(aftercarePlans.incidentId, incident.id), eq(aftercarePlans.personId, incident.ownerId)));
    if (rows.length === 0) return { state: 'todo', since: null };
    const running = rows.filter((row) => row.status !== 'ended');
    const latest = (list: typeof rows) =>
      list.reduce((a, b) => (a.updatedAt.getTime() >= b.updatedAt.getTime() ? a : b)).updatedAt;
    return running.length > 0 ? { state: 'started', since: latest(running) } : { state: 'done', since: latest(rows) };
  },
};
