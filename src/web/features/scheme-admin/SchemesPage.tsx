import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchemeView } from '../../../shared/woningscan-schemes.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { formatCalendarDate } from '../../i18n/time.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Heading1, Heading2, Heading3, Link, Paragraph, StatusMessage } from '../../ui/index.ts';
import { AdminNav } from '../admin/AdminNav.tsx';
import { SCHEME_ADMIN_QUERY_KEY, schemeAdminApi } from './api.ts';
import { phaseOn, type SchemePhase } from './messages.ts';
import { SchemeVersionForm } from './SchemeVersionForm.tsx';
import '../account/account.css';

/**
 * Beheer → Regelingen: the woningscan schemes as dated versions — which applies today, which is
 * scheduled, which has ended — and a form to add a new version from a later date. Schemes are public
 * information; nothing here touches a case.
 */
export function SchemesPage() {
  const { t } = useTranslation();
  usePageTitle(t('schemeAdmin.title'));
  const client = useQueryClient();
  const [saved, setSaved] = useState('');
  const list = useQuery({
    queryKey: SCHEME_ADMIN_QUERY_KEY,
    queryFn: ({ signal }) => schemeAdminApi.list(signal),
  });
  const today = list.data?.today ?? '';
  const inPhase = (phase: SchemePhase) =>
    (list.data?.schemes ?? []).filter((scheme) => phaseOn(scheme.content, today) === phase);

  return (
    <>
      <Heading1>{t('schemeAdmin.title')}</Heading1>
      <AdminNav />
      <Paragraph lead>{t('schemeAdmin.lead')}</Paragraph>
      <StatusMessage>{saved}</StatusMessage>
      {list.isPending && <Paragraph role="status">{t('schemeAdmin.loading')}</Paragraph>}
      {list.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, list.error)}</Paragraph>
        </Alert>
      )}
      {list.data && (
        <>
          <Paragraph>{t('schemeAdmin.today', { date: formatCalendarDate(today) })}</Paragraph>
          {(['current', 'scheduled', 'ended'] as const).map((phase) => (
            <PhaseSection key={phase} phase={phase} schemes={inPhase(phase)} />
          ))}
          <SchemeVersionForm
            schemes={list.data.schemes}
            today={today}
            onSaved={async (message) => {
              setSaved(message);
              await client.invalidateQueries({ queryKey: SCHEME_ADMIN_QUERY_KEY });
            }}
            onEdit={() => setSaved('')}
          />
        </>
      )}
    </>
  );
}

function PhaseSection({ phase, schemes }: { phase: SchemePhase; schemes: SchemeView[] }) {
  const { t } = useTranslation();
  const headingId = `schemes-${phase}`;
  return (
    <section aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t(`schemeAdmin.phase.${phase}.heading`)}</Heading2>
      {schemes.length === 0 ? (
        <Paragraph>{t(`schemeAdmin.phase.${phase}.none`)}</Paragraph>
      ) : (
        <ul className="weerbaar-cards" aria-labelledby={headingId}>
          {schemes.map((scheme) => (
            <SchemeItem key={scheme.key} scheme={scheme} phase={phase} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SchemeItem({ scheme, phase }: { scheme: SchemeView; phase: SchemePhase }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { content } = scheme;
  const from = formatCalendarDate(content.validFrom);
  return (
    <li className="weerbaar-card" data-scheme={scheme.key}>
      <Heading3>{content.name[locale]}</Heading3>
      <Paragraph>
        <strong>{t(`schemeAdmin.phase.${phase}.badge`, { from })}</strong>
      </Paragraph>
      <dl className="weerbaar-facts">
        <dt>{t('schemeAdmin.list.period')}</dt>
        <dd>
          {content.validTo
            ? t('schemeAdmin.list.fromTo', { from, to: formatCalendarDate(content.validTo) })
            : t('schemeAdmin.list.fromOn', { from })}
        </dd>
        <dt>{t('schemeAdmin.list.offices')}</dt>
        <dd>{content.eligibleOffices.map((office) => t(`identity.offices.${office}`)).join(', ')}</dd>
        <dt>{t('schemeAdmin.list.cap')}</dt>
        <dd>
          {content.capEuros === null
            ? t('schemeAdmin.list.noCap')
            : new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(content.capEuros)}
        </dd>
        <dt>{t('schemeAdmin.list.source')}</dt>
        <dd>
          <Link href={content.sourceUrl} rel="noopener noreferrer">
            {new URL(content.sourceUrl).hostname}
          </Link>
        </dd>
        <dt>{t('schemeAdmin.list.key')}</dt>
        <dd>
          <code className="weerbaar-scheme-key">{scheme.key}</code>
        </dd>
        <dt>{t('schemeAdmin.list.revision')}</dt>
        <dd>{scheme.revision}</dd>
      </dl>
    </li>
  );
}
