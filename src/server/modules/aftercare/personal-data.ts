import { and, asc, eq, inArray, isNotNull, lt, or } from 'drizzle-orm';
import { isoOrNull, type JsonRecord, type PersonalDataContribution } from '../../lib/personal-data.ts';
import { cases } from '../cases/db.ts';
import { aftercareCheckIns, aftercareParticipants, aftercarePlans, aftercareSteps } from './db.ts';
import { aftercareAad, DAY_MS } from './records.ts';

/**
 * Check-in answers are health data: kept this long after the plan ended, much shorter than the support
 * case (365 days after closing). Long enough to look back when complaints return later (domain.md §7),
 * no longer. Enforced by the privacy.retention job (the sweep below); README, "Retention per category".
 */
export const AFTERCARE_RETENTION_DAYS = 180;

/**
 * Aftercare: the plans a person is the person of (dates, steps), their part in any plan (their own
 * check-ins with their answers), never another participant's answers.
 */
export const AFTERCARE_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'aftercare',
      tables: ['aftercare_plans', 'aftercare_participants', 'aftercare_check_ins', 'aftercare_steps'],
      async export({ db, personId, keyring }) {
        const parts = await db
          .select({ participant: aftercareParticipants, plan: aftercarePlans })
          .from(aftercareParticipants)
          .innerJoin(aftercarePlans, eq(aftercarePlans.id, aftercareParticipants.planId))
          .where(eq(aftercareParticipants.personId, personId))
          .orderBy(asc(aftercarePlans.createdAt));
        const records: JsonRecord[] = [];
        for (const { participant, plan } of parts) {
          const checkIns = await db
            .select()
            .from(aftercareCheckIns)
            .where(and(eq(aftercareCheckIns.planId, plan.id), eq(aftercareCheckIns.personId, personId)))
            .orderBy(asc(aftercareCheckIns.sequence));
          const steps = await db
            .select()
            .from(aftercareSteps)
            .where(eq(aftercareSteps.planId, plan.id))
            .orderBy(asc(aftercareSteps.position));
          const mine = participant.role === 'person' ? steps : steps.filter((s) => s.ownerRelativeId === personId);
          records.push({
            planId: plan.id,
            role: participant.role,
            status: plan.status,
            startedAt: isoOrNull(plan.startedAt),
            endedAt: isoOrNull(plan.endedAt),
            sharesAnswersWithPerson: participant.role === 'relative' ? participant.sharesWithPerson : null,
            steps: mine.map((step) => ({
              topic: step.topic,
              owner: step.owner,
              note: step.noteEnvelope ? keyring.decryptString(step.noteEnvelope, aftercareAad.note(step.id)) : null,
              dueOn: step.dueOn,
              doneAt: isoOrNull(step.doneAt),
            })),
            checkIns: checkIns.map((row) => ({
              sequence: row.sequence,
              dueAt: row.dueAt.toISOString(),
              state: row.state,
              answeredAt: isoOrNull(row.answeredAt),
              answers: row.answersEnvelope
                ? (JSON.parse(keyring.decryptString(row.answersEnvelope, aftercareAad.answers(row.id))) as JsonRecord)
                : null,
            })),
          });
        }
        return { records };
      },
    },
  ],
  erasure: [
    {
      // The person's own plans go whole (with the relatives' check-ins in them: a plan without its person
      // has no one to care for); in someone else's plan, only this participant's part and answers.
      name: 'aftercare',
      async run(w, personId) {
        const plans = await w.tx
          .delete(aftercarePlans)
          .where(eq(aftercarePlans.personId, personId))
          .returning({ id: aftercarePlans.id });
        const checkIns = await w.tx
          .delete(aftercareCheckIns)
          .where(eq(aftercareCheckIns.personId, personId))
          .returning({ id: aftercareCheckIns.id });
        await w.tx.delete(aftercareParticipants).where(eq(aftercareParticipants.personId, personId));
        await w.tx
          .update(aftercareSteps)
          .set({ ownerRelativeId: null })
          .where(eq(aftercareSteps.ownerRelativeId, personId));
        return { counts: { aftercarePlans: plans.length, aftercareCheckIns: checkIns.length } };
      },
    },
  ],
  retention: [
    {
      category: 'aftercare_plans',
      tables: ['aftercare_plans', 'aftercare_participants', 'aftercare_check_ins', 'aftercare_steps'],
      keepDays: AFTERCARE_RETENTION_DAYS,
      startsAt: 'the plan ended',
      reason:
        'Check-in answers are health data; kept shorter than the support case, long enough to look back when complaints return.',
      sweep: async (w) => {
        const before = new Date(w.now.getTime() - AFTERCARE_RETENTION_DAYS * DAY_MS);
        const erasedCases = w.tx.select({ id: cases.id }).from(cases).where(isNotNull(cases.erasedAt));
        const removed = await w.tx
          .delete(aftercarePlans)
          .where(
            or(
              and(eq(aftercarePlans.status, 'ended'), lt(aftercarePlans.endedAt, before)),
              inArray(aftercarePlans.caseId, erasedCases),
            ),
          )
          .returning({ id: aftercarePlans.id });
        return removed.length;
      },
    },
  ],
};
