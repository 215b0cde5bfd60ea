import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { AftercareStepInput } from '../../../shared/aftercare.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { badRequest } from '../../lib/errors.ts';
import { people, personRoles } from '../people/db.ts';
import { aftercareCheckIns, aftercareSteps } from './db.ts';
import { aftercareAad, DAY_MS } from './records.ts';
import type { AftercareSettings } from './settings.ts';

/** One check-in moment of a plan: its number and when it falls due. */
export interface Moment {
  sequence: number;
  dueAt: Date;
}

/** The moments of a plan that starts now, from the settings (about a week, about four weeks). */
export function momentsFrom(start: Date, settings: AftercareSettings): Moment[] {
  return settings.checkInDays.map((days, i) => ({ sequence: i + 1, dueAt: new Date(start.getTime() + days * DAY_MS) }));
}

/** When a plan ends by itself: the settings' grace after its last moment. */
export function endOf(moments: readonly Moment[], settings: AftercareSettings): Date | null {
  const last = moments.at(-1);
  return last ? new Date(last.dueAt.getTime() + settings.endAfterLastDays * DAY_MS) : null;
}

/** The plan's moments, read from the person's own check-ins (the person takes part for the plan's life). */
export async function momentsOf(db: DbOrTx, planId: string, personId: string): Promise<Moment[]> {
  const rows = await db
    .select({ sequence: aftercareCheckIns.sequence, dueAt: aftercareCheckIns.dueAt })
    .from(aftercareCheckIns)
    .where(and(eq(aftercareCheckIns.planId, planId), eq(aftercareCheckIns.personId, personId)))
    .orderBy(asc(aftercareCheckIns.sequence));
  return rows;
}

/** Schedules these moments for one participant (the ones still to come); an existing one is left alone. */
export async function scheduleCheckIns(
  tx: Tx,
  planId: string,
  personId: string,
  moments: readonly Moment[],
  now: Date,
): Promise<void> {
  const toCome = moments.filter((moment) => moment.dueAt.getTime() > now.getTime());
  if (toCome.length === 0) return;
  await tx
    .insert(aftercareCheckIns)
    .values(
      toCome.map((moment) => ({
        id: randomUUID(),
        planId,
        personId,
        sequence: moment.sequence,
        dueAt: moment.dueAt,
        state: 'scheduled',
      })),
    )
    .onConflictDoNothing();
}

/** Cancels a participant's (or everyone's) check-ins that are not yet due. */
export async function cancelScheduled(tx: Tx, planId: string, personId?: string): Promise<void> {
  await tx
    .update(aftercareCheckIns)
    .set({ state: 'cancelled' })
    .where(
      and(
        eq(aftercareCheckIns.planId, planId),
        eq(aftercareCheckIns.state, 'scheduled'),
        ...(personId ? [eq(aftercareCheckIns.personId, personId)] : []),
      ),
    );
}

/** Of these ids, the active relative accounts linked to this person. */
export async function relativesOf(db: DbOrTx, personId: string, ids?: readonly string[]) {
  return db
    .select({ id: people.id, displayName: people.displayName })
    .from(people)
    .innerJoin(personRoles, and(eq(personRoles.personId, people.id), eq(personRoles.role, 'relative')))
    .where(
      and(
        eq(people.linkedOfficeholderId, personId),
        eq(people.status, 'active'),
        ...(ids ? [inArray(people.id, ids.length ? [...ids] : ['00000000-0000-0000-0000-000000000000'])] : []),
      ),
    )
    .orderBy(asc(people.displayName));
}

/**
 * Writes the plan's steps (replacing any). A step a relative owns must name one of the person's
 * relatives: otherwise 400 on that field, and nothing is written.
 */
export async function writeSteps(
  tx: Tx,
  keyring: Keyring,
  planId: string,
  personId: string,
  steps: readonly AftercareStepInput[],
): Promise<void> {
  const relativeIds = [...new Set(steps.flatMap((step) => (step.ownerRelativeId ? [step.ownerRelativeId] : [])))];
  if (relativeIds.length > 0) {
    const known = new Set((await relativesOf(tx, personId, relativeIds)).map((row) => row.id));
    const unknown = steps.findIndex((step) => step.ownerRelativeId && !known.has(step.ownerRelativeId));
    if (unknown >= 0) {
      throw badRequest('aftercare_unknown_relative', 'This person is not one of the relatives.', [
        {
          field: `body/steps/${unknown}/ownerRelativeId`,
          message: 'not one of the relatives',
          code: 'aftercare_unknown_relative',
        },
      ]);
    }
  }
  await tx.delete(aftercareSteps).where(eq(aftercareSteps.planId, planId));
  if (steps.length === 0) return;
  await tx.insert(aftercareSteps).values(
    steps.map((step, position) => {
      const id = randomUUID();
      return {
        id,
        planId,
        position,
        topic: step.topic,
        noteEnvelope: step.note ? keyring.encrypt(step.note, aftercareAad.note(id)) : null,
        owner: step.owner,
        ownerRelativeId: step.ownerRelativeId ?? null,
        dueOn: step.dueOn ?? null,
      };
    }),
  );
}

/** Check-ins of a participant still to come (for extending: the moments after now). */
export async function futureMoments(db: DbOrTx, planId: string, personId: string, now: Date): Promise<Moment[]> {
  return db
    .select({ sequence: aftercareCheckIns.sequence, dueAt: aftercareCheckIns.dueAt })
    .from(aftercareCheckIns)
    .where(
      and(
        eq(aftercareCheckIns.planId, planId),
        eq(aftercareCheckIns.personId, personId),
        gt(aftercareCheckIns.dueAt, now),
      ),
    )
    .orderBy(asc(aftercareCheckIns.sequence));
}
