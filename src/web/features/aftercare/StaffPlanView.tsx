import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AFTERCARE_END_REASONS,
  AFTERCARE_EXTEND_MAX_DAYS,
  type AftercareEndReason,
  type AftercareStaffPlan,
} from '../../../shared/aftercare.ts';
import { Alert, Button, Heading3, Paragraph, SelectField, TextField } from '../../ui/index.ts';
import { formatDate, problemText, useEndPlan, useExtendPlan } from './data.ts';
import { StepList } from './PlanParts.tsx';
import { Participant } from './StaffParticipant.tsx';

/** A running (or ended) plan as the confidant follows it. */
export function StaffPlanView({ plan, announce }: { plan: AftercareStaffPlan; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const active = plan.status === 'active';
  const names = new Map(plan.participants.map((participant) => [participant.personId, participant.displayName]));
  return (
    <>
      <ul className="weerbaar-aftercare-list">
        <li>{t('aftercare.staff.statusLine', { status: t(`aftercare.staff.status.${plan.status}`) })}</li>
        {plan.consent && (
          <li>
            {t('aftercare.staff.consentLine', {
              via: t(`aftercare.staff.consentVia.${plan.consent.via}`),
              date: formatDate(plan.consent.recordedAt),
            })}
          </li>
        )}
        {plan.startedAt && <li>{t('aftercare.staff.startedLine', { date: formatDate(plan.startedAt) })}</li>}
        {active && plan.endsAt && <li>{t('aftercare.staff.endsLine', { date: formatDate(plan.endsAt) })}</li>}
        {plan.endedAt && (
          <li>
            {t('aftercare.staff.endedLine', {
              date: formatDate(plan.endedAt),
              reason: plan.endReason ? t(`aftercare.staff.reason.${plan.endReason}`) : '',
            })}
          </li>
        )}
      </ul>
      <StepList
        planId={plan.id}
        steps={plan.steps}
        names={names}
        audience="staff"
        mayTick={active}
        caseId={plan.caseId}
        announce={announce}
      />
      <section aria-labelledby="aftercare-participants-heading" className="weerbaar-aftercare-part">
        <Heading3 id="aftercare-participants-heading">{t('aftercare.staff.participantsHeading')}</Heading3>
        <Paragraph>{t('aftercare.staff.auditNote')}</Paragraph>
        {plan.participants.map((participant) => (
          <Participant
            key={participant.personId}
            plan={plan}
            participant={participant}
            mayOffer={active}
            announce={announce}
          />
        ))}
      </section>
      {active && <Extend plan={plan} announce={announce} />}
      {active && <End plan={plan} announce={announce} />}
    </>
  );
}

/** One more check-in moment for everyone taking part, some days from now. */
function Extend({ plan, announce }: { plan: AftercareStaffPlan; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState('14');
  const [error, setError] = useState<string | undefined>();
  const extend = useExtendPlan(plan.caseId, plan.id);
  return (
    <form
      noValidate
      aria-labelledby="aftercare-extend-heading"
      className="weerbaar-aftercare-part"
      onSubmit={(event) => {
        event.preventDefault();
        const afterDays = Number(days);
        if (!Number.isInteger(afterDays) || afterDays < 1 || afterDays > AFTERCARE_EXTEND_MAX_DAYS) {
          setError(t('aftercare.staff.extendInvalid'));
          document.getElementById('aftercare-extend-days')?.focus();
          return;
        }
        setError(undefined);
        extend.mutate(afterDays, { onSuccess: () => announce(t('aftercare.staff.extended')) });
      }}
    >
      <Heading3 id="aftercare-extend-heading">{t('aftercare.staff.extendHeading')}</Heading3>
      <TextField
        id="aftercare-extend-days"
        label={t('aftercare.staff.extendLabel')}
        description={t('aftercare.staff.extendHint')}
        inputMode="numeric"
        value={days}
        onValueChange={setDays}
        error={error}
        className="weerbaar-aftercare-days"
      />
      {extend.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemText(t, extend.error)}</Paragraph>
        </Alert>
      )}
      <Button type="submit" appearance="secondary-action-button" disabled={extend.isPending}>
        {t('aftercare.staff.extend')}
      </Button>
    </form>
  );
}

/** End the plan now, saying why; the check-ins still to come are cancelled. */
function End({ plan, announce }: { plan: AftercareStaffPlan; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const end = useEndPlan(plan.id, plan.caseId);
  return (
    <form
      noValidate
      aria-labelledby="aftercare-end-heading"
      className="weerbaar-aftercare-part"
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason) {
          setError(t('aftercare.staff.endReasonMissing'));
          document.getElementById('aftercare-end-reason')?.focus();
          return;
        }
        setError(undefined);
        end.mutate(reason as AftercareEndReason, { onSuccess: () => announce(t('aftercare.staff.ended')) });
      }}
    >
      <Heading3 id="aftercare-end-heading">{t('aftercare.staff.endHeading')}</Heading3>
      <SelectField
        id="aftercare-end-reason"
        label={t('aftercare.staff.endReason')}
        value={reason}
        onValueChange={setReason}
        placeholder={t('aftercare.staff.endReasonPlaceholder')}
        error={error}
        options={AFTERCARE_END_REASONS.filter((item) => item !== 'completed').map((item) => ({
          value: item,
          label: t(`aftercare.staff.reason.${item}`),
        }))}
      />
      {end.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemText(t, end.error)}</Paragraph>
        </Alert>
      )}
      <Button type="submit" appearance="secondary-action-button" disabled={end.isPending}>
        {t('aftercare.staff.end')}
      </Button>
    </form>
  );
}
