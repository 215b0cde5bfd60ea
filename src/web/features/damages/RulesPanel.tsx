import { useTranslation } from 'react-i18next';
import type { DamageRulesContent } from '../../../shared/damages.ts';
import { currentLocale } from '../../i18n/index.ts';
import { formatCalendarDate } from '../../i18n/time.ts';
import { Alert, Heading2, Heading3, Link, Paragraph } from '../../ui/index.ts';
import { formatEuros } from './data.ts';

/** The latest day to apply, counted from the incident's day with the rules' term (whole years; 29 Feb → 28 Feb). */
function applyBy(occurredOn: string, years: number): string {
  const year = Number(occurredOn.slice(0, 4)) + years;
  const monthDay = occurredOn.slice(4) === '-02-29' ? '-02-28' : occurredOn.slice(4);
  return `${year}${monthDay}`;
}

/**
 * The Schadefonds' rules as they stand in the data admins keep: the ones of the incident's day, and today's
 * when they differ. A part the domain notes could not confirm says to check with the fund.
 */
export function RulesPanel({
  occurredOn,
  today,
  onIncident,
  current,
}: {
  occurredOn: string;
  today: string;
  onIncident: DamageRulesContent | null;
  current: DamageRulesContent | null;
}) {
  const { t } = useTranslation();
  const same = onIncident?.validFrom === current?.validFrom;
  return (
    <section aria-labelledby="damage-rules">
      <Heading2 id="damage-rules">{t('damages.rules.heading')}</Heading2>
      <Paragraph>{t('damages.rules.lead')}</Paragraph>
      {onIncident && (
        <RulesVersion
          rules={onIncident}
          occurredOn={occurredOn}
          title={t('damages.rules.onIncident', { date: formatCalendarDate(occurredOn) })}
        />
      )}
      {current && !same && (
        <RulesVersion
          rules={current}
          occurredOn={occurredOn}
          title={t('damages.rules.today', { date: formatCalendarDate(today) })}
        />
      )}
      {!onIncident && !current && <Paragraph>{t('damages.rules.none')}</Paragraph>}
    </section>
  );
}

function RulesVersion({ rules, occurredOn, title }: { rules: DamageRulesContent; occurredOn: string; title: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const check = (part: DamageRulesContent['unverified'][number]) =>
    rules.unverified.includes(part) ? <strong> {t('damages.rules.check')}</strong> : null;
  return (
    <div className="weerbaar-damage-rules">
      <Heading3>{title}</Heading3>
      <Paragraph>{t('damages.rules.validFrom', { date: formatCalendarDate(rules.validFrom) })}</Paragraph>
      <Paragraph>
        {t('damages.rules.categories')}
        {check('categories')}
      </Paragraph>
      <ul>
        {rules.categories.map((category) => (
          <li key={category.category}>
            {t('damages.rules.category', {
              number: category.category,
              amount: formatEuros(category.amountEuros * 100, locale),
            })}
          </li>
        ))}
      </ul>
      {rules.relativesAmountEuros !== null && (
        <Paragraph>
          {t('damages.rules.relatives', { amount: formatEuros(rules.relativesAmountEuros * 100, locale) })}
          {check('relativesAmount')}
        </Paragraph>
      )}
      <Paragraph>
        {rules.eligibility[locale]}
        {check('eligibility')}
      </Paragraph>
      <Paragraph>
        {rules.deadline.text[locale]}
        {rules.deadline.years !== null &&
          ` ${t('damages.rules.applyBy', { date: formatCalendarDate(applyBy(occurredOn, rules.deadline.years)) })}`}
        {check('deadline')}
      </Paragraph>
      {rules.unverified.length > 0 && (
        <Alert type="warning">
          <Paragraph>{t('damages.rules.unverified')}</Paragraph>
        </Alert>
      )}
      <Paragraph>{t('damages.rules.sources')}</Paragraph>
      <ul>
        {rules.sources.map((source) => (
          <li key={source}>
            <Link href={source} className="weerbaar-damage-source">
              {source}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
