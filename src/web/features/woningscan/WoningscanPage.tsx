import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { myCasePath, packagePartPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { Alert, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { PageGate } from '../cases/components/PageGate.tsx';
import { formatDay, useEligibility, woningscanProblem } from './data.ts';
import { Confirmation, RequestForm, type RequestSent } from './RequestForm.tsx';
import { SchemeCard } from './SchemeCard.tsx';

/** The package part this service belongs to. */
export const WONINGSCAN_PACKAGE_PART = 'woningscan-en-zelfscan';

function Alternatives() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="alternatives-heading">
      <Heading2 id="alternatives-heading">{t('woningscan.alternatives.heading')}</Heading2>
      <UnorderedList>
        <UnorderedListItem>
          {t('woningscan.alternatives.zelfscan')}{' '}
          <RouterLink to={WEB_PATHS.zelfscan}>{t('woningscan.alternatives.zelfscanLink')}</RouterLink>
        </UnorderedListItem>
        <UnorderedListItem>
          {t('woningscan.alternatives.support_team')}{' '}
          <RouterLink to={WEB_PATHS.askSupport}>{t('woningscan.alternatives.support_teamLink')}</RouterLink>
        </UnorderedListItem>
        <UnorderedListItem>{t('woningscan.alternatives.municipality')}</UnorderedListItem>
      </UnorderedList>
    </section>
  );
}

function Eligibility({ onSent }: { onSent: (response: RequestSent) => void }) {
  const { t } = useTranslation();
  const eligibility = useEligibility();
  if (eligibility.isPending) return <Paragraph role="status">{t('woningscan.page.loading')}</Paragraph>;
  if (!eligibility.data) {
    return (
      <Alert type="error">
        <Paragraph>{woningscanProblem(t, eligibility.error)}</Paragraph>
      </Alert>
    );
  }
  const e = eligibility.data;
  return (
    <>
      <Alert type={e.eligible ? 'info' : 'warning'}>
        <Paragraph>{t(`woningscan.reason.${e.reason}`)}</Paragraph>
      </Alert>
      <section aria-labelledby="schemes-heading">
        <Heading2 id="schemes-heading">{t('woningscan.page.schemesOn', { date: formatDay(e.on) })}</Heading2>
        {e.schemes.length === 0 && <Paragraph>{t('woningscan.page.noSchemes')}</Paragraph>}
        {e.schemes.map((scheme) => (
          <SchemeCard key={scheme.key} scheme={scheme} forYou={scheme.forYou} />
        ))}
      </section>
      {e.alternatives.length > 0 && <Alternatives />}
      {e.openCaseId && (
        <Paragraph>
          {t('woningscan.openCase')}{' '}
          <RouterLink to={myCasePath(e.openCaseId)}>{t('woningscan.openCaseLink')}</RouterLink>
        </Paragraph>
      )}
      {e.eligible && !e.openCaseId && <RequestForm onSent={onSent} />}
    </>
  );
}

/** /woningscan: what the person can get and why, first; then, if they may, the request. */
export function WoningscanPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState<RequestSent | null>(null);
  return (
    <PageGate title={t('woningscan.page.title')} roles={['officeholder']}>
      {() =>
        sent ? (
          <Confirmation response={sent} />
        ) : (
          <>
            <Heading1>{t('woningscan.page.title')}</Heading1>
            <Paragraph lead>{t('woningscan.page.lead')}</Paragraph>
            <Paragraph>
              <RouterLink to={packagePartPath(WONINGSCAN_PACKAGE_PART)}>{t('woningscan.page.packageLink')}</RouterLink>
            </Paragraph>
            <Eligibility onSent={setSent} />
          </>
        )
      }
    </PageGate>
  );
}
