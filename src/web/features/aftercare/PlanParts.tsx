import { useTranslation } from 'react-i18next';
import type { AftercareCheckIn, AftercareStep, MyAftercarePlan } from '../../../shared/aftercare.ts';
import { useSession } from '../../session/session.ts';
import { Alert, CheckboxField, Heading3, Paragraph } from '../../ui/index.ts';
import { AnswersView } from './AnswersView.tsx';
import { CheckInForm } from './CheckInForm.tsx';
import { ANSWERABLE, formatDate, formatDay, problemText, useTickStep } from './data.ts';

/** The check-ins of one plan: the ones waiting (as a form), the next one, and what was answered. */
export function MyCheckIns({ plan, announce }: { plan: MyAftercarePlan; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const open = plan.checkIns.filter((checkIn) => ANSWERABLE.includes(checkIn.state));
  const next = plan.checkIns.find((checkIn) => checkIn.state === 'scheduled');
  const answered = plan.checkIns.filter((checkIn) => checkIn.state === 'answered' && checkIn.answeredAt);
  const headingId = `checkins-${plan.id}`;
  return (
    <section aria-labelledby={headingId} className="weerbaar-aftercare-part">
      <Heading3 id={headingId}>{t('aftercare.checkIns.heading')}</Heading3>
      {open.length === 0 && <Paragraph>{t('aftercare.checkIns.noneOpen')}</Paragraph>}
      {open.map((checkIn) => (
        <div key={checkIn.id}>
          <Paragraph>{t('aftercare.checkIns.dueLead')}</Paragraph>
          {checkIn.state === 'missed' && <Paragraph>{t('aftercare.checkIns.missed')}</Paragraph>}
          <Paragraph>
            {plan.role === 'relative'
              ? // A relative's page does not know the person's name (the API does not give it).
                t('aftercare.form.whoSeesRelative', { person: t('aftercare.sharing.thePerson') })
              : t('aftercare.form.whoSees')}
          </Paragraph>
          <CheckInForm checkIn={checkIn} onAnswered={announce} />
        </div>
      ))}
      {next && <Paragraph>{t('aftercare.checkIns.upcoming', { date: formatDate(next.dueAt) })}</Paragraph>}
      {answered.length > 0 && (
        <ul className="weerbaar-aftercare-list">
          {answered.map((checkIn) => (
            <li key={checkIn.id}>
              <AnsweredLine checkIn={checkIn} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AnsweredLine({ checkIn }: { checkIn: AftercareCheckIn }) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        {t('aftercare.checkIns.answeredOn', {
          due: formatDate(checkIn.dueAt),
          date: formatDate(checkIn.answeredAt ?? checkIn.dueAt),
        })}
      </Paragraph>
      <AnswersView checkInId={checkIn.id} label={t('aftercare.checkIns.showMine')} />
    </>
  );
}

/** Who does a step, in words for the one reading it. */
export function useStepOwner() {
  const { t } = useTranslation();
  const session = useSession();
  return (step: AftercareStep, names: ReadonlyMap<string, string>, audience: 'person' | 'relative' | 'staff') => {
    if (step.owner === 'person')
      return audience === 'person' ? t('aftercare.steps.ownerYou') : t('aftercare.steps.ownerKind.person');
    if (step.owner === 'confidant') return t('aftercare.steps.ownerKind.confidant');
    if (step.ownerRelativeId && step.ownerRelativeId === session.person?.id) return t('aftercare.steps.ownerYou');
    return (step.ownerRelativeId && names.get(step.ownerRelativeId)) || t('aftercare.steps.ownerKind.relative');
  };
}

/**
 * The practical steps agreed: topic, what exactly, who and by when, and a box to tick when done (its
 * owner, the person and the confidant may; the server checks).
 */
export function StepList({
  planId,
  steps,
  names,
  audience,
  mayTick,
  caseId,
  announce,
}: {
  planId: string;
  steps: readonly AftercareStep[];
  names: ReadonlyMap<string, string>;
  audience: 'person' | 'relative' | 'staff';
  mayTick: boolean;
  caseId?: string;
  announce: (message: string) => void;
}) {
  const { t } = useTranslation();
  const tick = useTickStep(planId, caseId);
  const ownerOf = useStepOwner();
  const headingId = `steps-${planId}`;
  return (
    <section aria-labelledby={headingId} className="weerbaar-aftercare-part">
      <Heading3 id={headingId}>{t('aftercare.steps.heading')}</Heading3>
      <Paragraph>{t('aftercare.steps.lead')}</Paragraph>
      {steps.length === 0 && <Paragraph>{t('aftercare.steps.none')}</Paragraph>}
      {steps.length > 0 && (
        <ul className="weerbaar-aftercare-list">
          {steps.map((step) => {
            const topic = t(`aftercare.steps.topic.${step.topic}`);
            return (
              <li key={step.id} className="weerbaar-aftercare-card">
                <Paragraph className="weerbaar-aftercare-card__title">{topic}</Paragraph>
                {step.note && <Paragraph className="weerbaar-aftercare-text">{step.note}</Paragraph>}
                <Paragraph className="weerbaar-aftercare-card__meta">
                  {t('aftercare.steps.owner', { owner: ownerOf(step, names, audience) })}
                  {step.dueOn && (
                    <>
                      <br />
                      {t('aftercare.steps.due', { date: formatDay(step.dueOn) })}
                    </>
                  )}
                </Paragraph>
                {mayTick ? (
                  <CheckboxField
                    id={`step-${step.id}`}
                    label={t('aftercare.steps.doneLabel', { topic })}
                    checked={step.doneAt !== null}
                    disabled={tick.isPending}
                    onCheckedChange={(done) =>
                      tick.mutate({ stepId: step.id, done }, { onSuccess: () => announce(t('aftercare.steps.saved')) })
                    }
                  />
                ) : (
                  step.doneAt && <Paragraph>{t('aftercare.steps.done')}</Paragraph>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {tick.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemText(t, tick.error)}</Paragraph>
        </Alert>
      )}
    </section>
  );
}
