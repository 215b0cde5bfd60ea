import { and, asc, eq, isNotNull } from 'drizzle-orm';
import {
  AFTERCARE_ANSWERABLE_STATES,
  AFTERCARE_REFERRAL_OPTIONS,
  type AftercareAnswers,
  type AftercareAnswersView,
  type AftercareSignal,
} from '../../../shared/aftercare.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { authorize, relationsOf } from '../../lib/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { aftercareCheckIns, aftercareParticipants } from './db.ts';
import {
  type AftercareDeps,
  aftercareAad,
  CHECK_IN_RULES,
  checkInSubject,
  decryptJson,
  loadCheckIn,
  requireActor,
} from './records.ts';
import { signalsOf } from './rules.ts';
import { checkInView } from './views.ts';

/** Answers as stored (encrypted): the note is null when none was given. */
type StoredAnswers = Omit<AftercareAnswers, 'note'> & { note: string | null };

/**
 * The participant answers their check-in, once. The answers are encrypted; the rules then look at this
 * participant's answered check-ins, and when they raise a signal the confidant gets a prompt to offer a
 * referral (in-app and a content-free notice mail) and the answer says which options to show now.
 */
export async function answerCheckIn(
  deps: AftercareDeps,
  ctx: ServiceContext,
  checkInId: string,
  body: AftercareAnswers,
) {
  return deps.uow.run(ctx, async (w) => {
    const { checkIn, bundle } = await loadCheckIn(w.tx, checkInId, { lock: true });
    authorize(w.actor, 'answer', checkInSubject(bundle, checkIn), CHECK_IN_RULES);
    const answerable = (AFTERCARE_ANSWERABLE_STATES as readonly string[]).includes(checkIn.state);
    if (bundle.plan.status !== 'active' || !answerable) {
      throw conflict('aftercare_not_answerable', 'This check-in cannot be answered (any more).');
    }
    const stored: StoredAnswers = { ...body, note: body.note?.length ? body.note : null };
    const [row] = await w.tx
      .update(aftercareCheckIns)
      .set({
        state: 'answered',
        answeredAt: w.now,
        answersEnvelope: deps.keyring.encrypt(JSON.stringify(stored), aftercareAad.answers(checkIn.id)),
      })
      .where(eq(aftercareCheckIns.id, checkIn.id))
      .returning();
    if (!row) throw notFound();
    await recordAudit(w.tx, w, {
      action: 'aftercare.check_in_answered',
      subjectPersonId: checkIn.personId,
      recordType: 'aftercare_check_in',
      recordId: checkIn.id,
    });
    const history = await w.tx
      .select({ id: aftercareCheckIns.id, envelope: aftercareCheckIns.answersEnvelope })
      .from(aftercareCheckIns)
      .where(
        and(
          eq(aftercareCheckIns.planId, checkIn.planId),
          eq(aftercareCheckIns.personId, checkIn.personId),
          isNotNull(aftercareCheckIns.answersEnvelope),
        ),
      )
      .orderBy(asc(aftercareCheckIns.answeredAt), asc(aftercareCheckIns.sequence));
    const answers = history.flatMap(
      (item) => decryptJson<StoredAnswers>(deps.keyring, item.envelope, aftercareAad.answers(item.id)) ?? [],
    );
    const signals = signalsOf(answers.map((a) => ({ ...a, note: a.note ?? undefined })));
    if (signals.length > 0) {
      const participant = bundle.participants.find((p) => p.personId === checkIn.personId);
      const open =
        decryptJson<AftercareSignal[]>(
          deps.keyring,
          participant?.promptEnvelope ?? null,
          aftercareAad.prompt(checkIn.planId, checkIn.personId),
        ) ?? [];
      const merged = [...new Set([...open, ...signals])];
      await w.tx
        .update(aftercareParticipants)
        .set({
          promptEnvelope: deps.keyring.encrypt(
            JSON.stringify(merged),
            aftercareAad.prompt(checkIn.planId, checkIn.personId),
          ),
          promptSince: participant?.promptSince ?? w.now,
        })
        .where(
          and(eq(aftercareParticipants.planId, checkIn.planId), eq(aftercareParticipants.personId, checkIn.personId)),
        );
      const confidant = bundle.caseFacts.confidantId;
      if (confidant) {
        await deps.notifications.notify(w, [confidant], 'aftercare_referral_prompt', {
          type: 'aftercare_plan',
          id: checkIn.planId,
        });
      }
    }
    return {
      checkIn: checkInView(row),
      referralSuggested: signals.length > 0 ? { options: [...AFTERCARE_REFERRAL_OPTIONS] } : null,
    };
  });
}

/**
 * Reads a check-in's answers: the participant who answered; the assigned confidant; the person for a
 * relative who shares. Anyone but the answerer leaves an audit row in the same transaction, which the
 * answerer sees in their access log. Admins, other staff and a relative who does not share: 404.
 */
export async function readAnswers(
  deps: AftercareDeps,
  ctx: ServiceContext,
  checkInId: string,
): Promise<AftercareAnswersView> {
  const actor = requireActor(ctx);
  return deps.uow.run(ctx, async (w) => {
    const { checkIn, bundle } = await loadCheckIn(w.tx, checkInId);
    const accessSubject = checkInSubject(bundle, checkIn);
    authorize(actor, 'readAnswers', accessSubject, CHECK_IN_RULES);
    if (!checkIn.answersEnvelope || !checkIn.answeredAt) throw notFound();
    if (!relationsOf(actor, accessSubject, w.now).has('owner')) {
      await recordAudit(w.tx, w, {
        action: 'aftercare.answers_viewed',
        subjectPersonId: checkIn.personId,
        recordType: 'aftercare_check_in',
        recordId: checkIn.id,
      });
    }
    const answers = decryptJson<StoredAnswers>(deps.keyring, checkIn.answersEnvelope, aftercareAad.answers(checkIn.id));
    if (!answers) throw notFound();
    return { checkInId: checkIn.id, answeredAt: checkIn.answeredAt.toISOString(), answers };
  });
}
