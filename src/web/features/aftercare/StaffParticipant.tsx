import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AftercareReferralOption, AftercareStaffPlan } from '../../../shared/aftercare.ts';
import { Alert, Button, CheckboxGroup, Heading4, Paragraph } from '../../ui/index.ts';
import { AnswersView } from './AnswersView.tsx';
import { formatDate, problemText, useOfferReferral } from './data.ts';

type StaffParticipant = AftercareStaffPlan['participants'][number];

/**
 * One participant as the confidant sees them: their check-ins and states (never answers until asked,
 * and each look is audited), the prompt when their answers suggest ongoing trouble, with the referral
 * options to offer, and what was offered.
 */
export function Participant({
  plan,
  participant,
  mayOffer,
  announce,
}: {
  plan: AftercareStaffPlan;
  participant: StaffParticipant;
  mayOffer: boolean;
  announce: (message: string) => void;
}) {
  const { t } = useTranslation();
  const name = participant.displayName;
  const headingId = `participant-${participant.personId}`;
  return (
    <section aria-labelledby={headingId} className="weerbaar-aftercare-participant">
      <Heading4 id={headingId}>
        {name} ({t(`aftercare.staff.role.${participant.role}`)})
      </Heading4>
      {participant.prompt && participant.prompt.signals.length > 0 && (
        <div className="weerbaar-aftercare-prompt">
          <Paragraph className="weerbaar-aftercare-prompt__heading">
            {t('aftercare.staff.prompt.heading', { name })}
          </Paragraph>
          <Paragraph>
            {t('aftercare.staff.prompt.lead', { name, date: formatDate(participant.prompt.since) })}
          </Paragraph>
          <ul className="weerbaar-aftercare-bullets">
            {participant.prompt.signals.map((signal) => (
              <li key={signal}>{t(`aftercare.staff.prompt.signal.${signal}`, { name })}</li>
            ))}
          </ul>
          {mayOffer && <OfferReferral plan={plan} participant={participant} announce={announce} />}
        </div>
      )}
      {participant.referral && (
        <Paragraph>
          {t('aftercare.staff.offered', {
            date: formatDate(participant.referral.offeredAt),
            options: participant.referral.options.map((option) => t(`aftercare.referral.option.${option}`)).join(', '),
          })}
        </Paragraph>
      )}
      <ul className="weerbaar-aftercare-list">
        {participant.checkIns.map((checkIn) => (
          <li key={checkIn.id}>
            <Paragraph>
              {t('aftercare.staff.checkInLine', {
                sequence: checkIn.sequence,
                date: formatDate(checkIn.dueAt),
                // Answered: when, rather than the state's word.
                state: checkIn.answeredAt
                  ? t('aftercare.staff.answeredLine', { date: formatDate(checkIn.answeredAt) })
                  : t(`aftercare.staff.state.${checkIn.state}`),
              })}
            </Paragraph>
            {checkIn.state === 'answered' && (
              <AnswersView
                checkInId={checkIn.id}
                label={t('aftercare.staff.showAnswers', {
                  name,
                  date: formatDate(checkIn.answeredAt ?? checkIn.dueAt),
                })}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The referral options to offer this participant: huisarts, Slachtofferhulp Nederland, the expert pool. */
function OfferReferral({
  plan,
  participant,
  announce,
}: {
  plan: AftercareStaffPlan;
  participant: StaffParticipant;
  announce: (message: string) => void;
}) {
  const { t } = useTranslation();
  const name = participant.displayName;
  const [options, setOptions] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const offer = useOfferReferral(plan.caseId, plan.id);
  const groupId = `offer-${participant.personId}`;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (options.length === 0) {
          setError(t('aftercare.staff.offer.missing'));
          document.getElementById(`${groupId}-${plan.referralOptions[0]}`)?.focus();
          return;
        }
        setError(undefined);
        offer.mutate(
          { participantId: participant.personId, options: options as AftercareReferralOption[] },
          { onSuccess: () => announce(t('aftercare.staff.offer.done', { name })) },
        );
      }}
    >
      <Paragraph>{t('aftercare.staff.prompt.call', { name })}</Paragraph>
      <CheckboxGroup
        id={groupId}
        legend={t('aftercare.staff.offer.legend', { name })}
        choices={plan.referralOptions.map((option) => ({
          value: option,
          label: t(`aftercare.referral.option.${option}`),
        }))}
        value={options}
        onValueChange={setOptions}
        error={error}
      />
      {offer.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemText(t, offer.error)}</Paragraph>
        </Alert>
      )}
      <Button type="submit" appearance="primary-action-button" disabled={offer.isPending}>
        {t('aftercare.staff.offer.send', { name })}
      </Button>
    </form>
  );
}
