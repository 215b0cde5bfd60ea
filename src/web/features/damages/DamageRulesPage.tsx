import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { formatCalendarDate, formatDateTime } from '../../i18n/time.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Heading1, Heading2, Paragraph } from '../../ui/index.ts';
import { AdminNav } from '../admin/AdminNav.tsx';
import { formatEuros, useDamageRulesAdmin } from './data.ts';
import { RulesForm } from './RulesForm.tsx';
import './damages.css';

/** The route: admins only, in the admin pages' frame. */
export function DamageRulesRoute() {
  return (
    <div className="weerbaar-page">
      <PageGate roles={['admin']}>
        <DamageRulesPage />
      </PageGate>
    </div>
  );
}

/**
 * Beheer → Schadefonds: the fund's rules as dated versions (which applies today, which are scheduled), each
 * with its author and sources, and a form for rules from a later day. Public information; no claim shows here.
 */
export function DamageRulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('damages.admin.title'));
  const rules = useDamageRulesAdmin();
  const locale = currentLocale();
  const data = rules.data;
  const applying = data ? data.versions.filter((v) => v.content.validFrom <= data.today).at(-1) : undefined;
  return (
    <>
      <Heading1>{t('damages.admin.title')}</Heading1>
      <AdminNav />
      <Paragraph lead>{t('damages.admin.lead')}</Paragraph>
      {rules.isPending && <Paragraph role="status">{t('session.loading')}</Paragraph>}
      {rules.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, rules.error)}</Paragraph>
        </Alert>
      )}
      {data && (
        <>
          <section aria-labelledby="rules-versions">
            <Heading2 id="rules-versions">{t('damages.admin.versions')}</Heading2>
            <ul className="weerbaar-damage-claims">
              {data.versions.map((version) => {
                const content = version.content;
                const phase = content.validFrom > data.today ? 'scheduled' : version === applying ? 'current' : 'ended';
                return (
                  <li key={content.validFrom} className="weerbaar-damage-claim">
                    <Paragraph>
                      <strong>
                        {t(`damages.admin.phase.${phase}`, { date: formatCalendarDate(content.validFrom) })}
                      </strong>
                    </Paragraph>
                    <Paragraph>
                      {content.categories
                        .map((c) => `${c.category}: ${formatEuros(c.amountEuros * 100, locale)}`)
                        .join(' · ')}
                    </Paragraph>
                    <Paragraph>
                      {t('damages.admin.summary', {
                        relatives:
                          content.relativesAmountEuros === null
                            ? '—'
                            : formatEuros(content.relativesAmountEuros * 100, locale),
                        years: content.deadline.years ?? '—',
                      })}
                    </Paragraph>
                    {content.unverified.length > 0 && (
                      <Paragraph>
                        {t('damages.admin.unverifiedList', {
                          parts: content.unverified.map((part) => t(`damages.admin.parts.${part}`)).join(', '),
                        })}
                      </Paragraph>
                    )}
                    <Paragraph>
                      {t('damages.admin.revision', {
                        revision: version.revision,
                        by: version.authorName ?? t('damages.admin.release'),
                        at: formatDateTime(version.createdAt),
                      })}
                      {version.note ? ` — ${version.note}` : ''}
                    </Paragraph>
                  </li>
                );
              })}
            </ul>
          </section>
          <RulesForm latest={data.versions.at(-1)?.content} today={data.today} />
        </>
      )}
    </>
  );
}
