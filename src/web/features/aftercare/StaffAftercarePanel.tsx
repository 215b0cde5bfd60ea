import './aftercare.css';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import { isApiError } from '../../api/client.ts';
import { Alert, Heading2, Paragraph, StatusMessage } from '../../ui/index.ts';
import { useAnnouncer } from './announce.ts';
import { formatDate, problemText, useStaffPlan } from './data.ts';
import { OpenPlanForm } from './OpenPlanForm.tsx';
import { StaffPlanView } from './StaffPlanView.tsx';

/**
 * Nazorg on the support case's staff page, for the assigned confidant (the server answers 404 to anyone
 * else): open a plan with the person's consent, or follow the running one — steps, check-in states,
 * the prompt to offer a referral, and each participant's answers, opened one at a time (audited).
 */
export function StaffAftercarePanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const query = useStaffPlan(detail.id);
  const [message, announce] = useAnnouncer();
  // Not the assigned confidant (or no longer): the server says 404, and the panel stays away.
  if (query.isError && isApiError(query.error, 'not_found')) return null;
  const plan = query.data?.plan;
  return (
    <section aria-labelledby="aftercare-staff-heading" className="weerbaar-aftercare weerbaar-aftercare-staff">
      <Heading2 id="aftercare-staff-heading">{t('aftercare.staff.heading')}</Heading2>
      <Paragraph>{t('aftercare.staff.lead')}</Paragraph>
      <StatusMessage>{message}</StatusMessage>
      {query.isPending && <Paragraph role="status">{t('aftercare.loading')}</Paragraph>}
      {query.isError && (
        <Alert type="error">
          <Paragraph>{problemText(t, query.error)}</Paragraph>
        </Alert>
      )}
      {query.data && (plan === null || plan?.status === 'requested') && (
        <>
          {plan?.requestedAt && (
            <Paragraph>{t('aftercare.staff.requested', { date: formatDate(plan.requestedAt) })}</Paragraph>
          )}
          <OpenPlanForm detail={detail} onOpened={() => announce(t('aftercare.staff.opened'))} />
        </>
      )}
      {plan && plan.status !== 'requested' && <StaffPlanView plan={plan} announce={announce} />}
    </section>
  );
}
