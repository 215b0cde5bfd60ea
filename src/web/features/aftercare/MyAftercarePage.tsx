import './aftercare.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyAftercarePlan } from '../../../shared/aftercare.ts';
import { packagePartPath } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Button, ConfirmDialog, Heading1, Heading2, Paragraph, StatusMessage } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { AskAftercare } from './AskAftercare.tsx';
import { useAnnouncer } from './announce.ts';
import { formatDate, problemText, useEndPlan, useMyAftercare } from './data.ts';
import { RelativesChoice, SharingToggle } from './FamilyParts.tsx';
import { MyCheckIns, StepList } from './PlanParts.tsx';
import { ReferralOptions } from './ReferralOptions.tsx';
import { AFTERCARE_ROLES } from './routes.tsx';

/**
 * /nazorg: the person's and each included relative's own aftercare. Their plan and practical steps, the
 * check-ins that are due, the referral options when offered or suggested, asking for aftercare, and for a
 * relative whether they share their answers. Never a score, never a question about feelings.
 */
export function MyAftercarePage() {
  const { t } = useTranslation();
  return (
    <PageGate roles={AFTERCARE_ROLES} title={t('aftercare.title')}>
      <MyAftercare />
    </PageGate>
  );
}

function MyAftercare() {
  const { t } = useTranslation();
  usePageTitle(t('aftercare.title'));
  const mine = useMyAftercare();
  const [message, announce] = useAnnouncer();
  const plans = mine.data?.plans ?? [];
  // A person with a plan that is asked for or running does not ask again; an ended one may.
  const mayAsk = mine.data !== undefined && !plans.some((plan) => plan.role === 'person' && plan.status !== 'ended');

  return (
    <div className="weerbaar-aftercare">
      <Heading1>{t('aftercare.title')}</Heading1>
      <Paragraph lead>{t('aftercare.lead')}</Paragraph>
      <Paragraph>{t('aftercare.noFeelings')}</Paragraph>
      <Paragraph>
        <RouterLink to={packagePartPath('debriefing-en-nazorg')}>{t('aftercare.packageLink')}</RouterLink>
      </Paragraph>
      <StatusMessage>{message}</StatusMessage>
      {mine.isPending && <Paragraph role="status">{t('aftercare.loading')}</Paragraph>}
      {mine.isError && (
        <Alert type="error">
          <Paragraph>{problemText(t, mine.error)}</Paragraph>
        </Alert>
      )}
      {mine.data && plans.length === 0 && <Paragraph>{t('aftercare.none')}</Paragraph>}
      {plans.map((plan) => (
        <PlanSection key={plan.id} plan={plan} announce={announce} />
      ))}
      {mayAsk && <AskAftercare announce={announce} />}
    </div>
  );
}

function PlanSection({ plan, announce }: { plan: MyAftercarePlan; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const headingId = `plan-${plan.id}`;
  const names = new Map(plan.relatives.map((relative) => [relative.personId, relative.displayName]));
  const active = plan.status === 'active';
  return (
    <section aria-labelledby={headingId} className="weerbaar-aftercare-plan">
      <Heading2 id={headingId}>
        {/* A relative is not told the person's case reference (the server leaves it empty). */}
        {t(plan.role === 'relative' ? 'aftercare.plan.headingRelative' : 'aftercare.plan.heading', {
          reference: plan.caseReference,
        })}
      </Heading2>
      {plan.role === 'relative' && <Paragraph>{t('aftercare.plan.roleRelative')}</Paragraph>}
      {plan.status === 'requested' && <Paragraph>{t('aftercare.plan.requested')}</Paragraph>}
      {active && plan.startedAt && (
        <Paragraph>{t('aftercare.plan.active', { date: formatDate(plan.startedAt) })}</Paragraph>
      )}
      {active && plan.endsAt && <Paragraph>{t('aftercare.plan.endsAt', { date: formatDate(plan.endsAt) })}</Paragraph>}
      {plan.status === 'ended' && plan.endedAt && (
        <Paragraph>{t('aftercare.plan.ended', { date: formatDate(plan.endedAt) })}</Paragraph>
      )}
      {plan.referral && (
        <ReferralOptions
          headingId={`referral-offered-${plan.id}`}
          options={plan.referral.options}
          intro={t('aftercare.referral.offered', { date: formatDate(plan.referral.offeredAt) })}
        />
      )}
      {!plan.referral && plan.referralSuggested && (
        <ReferralOptions
          headingId={`referral-suggested-${plan.id}`}
          options={plan.referralSuggested.options}
          intro={t('aftercare.referral.suggested')}
        />
      )}
      {active && <MyCheckIns plan={plan} announce={announce} />}
      {plan.status !== 'requested' && (
        <StepList
          planId={plan.id}
          steps={plan.steps}
          names={names}
          audience={plan.role}
          mayTick={active}
          announce={announce}
        />
      )}
      {/* Only office holders have relatives of their own (and a family page to invite them). */}
      {plan.role === 'person' &&
        plan.status !== 'ended' &&
        (plan.relatives.length > 0 || session.hasRole('officeholder')) && (
          <RelativesChoice plan={plan} announce={announce} />
        )}
      {plan.role === 'relative' && plan.status !== 'ended' && <SharingToggle plan={plan} announce={announce} />}
      {plan.role === 'person' && active && <EndPlan planId={plan.id} announce={announce} />}
    </section>
  );
}

/** The person may stop their aftercare; no more check-ins come, and they may ask again later. */
function EndPlan({ planId, announce }: { planId: string; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const end = useEndPlan(planId);
  return (
    <div className="weerbaar-aftercare-part">
      <Button appearance="secondary-action-button" onClick={() => setAsking(true)} disabled={end.isPending}>
        {t('aftercare.end.button')}
      </Button>
      {end.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemText(t, end.error)}</Paragraph>
        </Alert>
      )}
      <ConfirmDialog
        open={asking}
        title={t('aftercare.end.title')}
        confirmLabel={t('aftercare.end.confirm')}
        cancelLabel={t('aftercare.end.cancel')}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          end.mutate('person_stopped', { onSuccess: () => announce(t('aftercare.end.done')) });
        }}
      >
        <Paragraph>{t('aftercare.end.body')}</Paragraph>
      </ConfirmDialog>
    </div>
  );
}
