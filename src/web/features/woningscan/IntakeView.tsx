import { useTranslation } from 'react-i18next';
import type { WoningscanIntake } from '../../../shared/woningscan.ts';
import { DataList, DataListItem, DataListKey, DataListValue, Heading2 } from '../../ui/index.ts';
import { formatDay } from './data.ts';

/** What the requester told when asking: when it suits them, who lives in the house, the PKVW then. */
export function WoningscanIntakeView({ intake }: { intake: WoningscanIntake }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [
      'periods',
      intake.preferredPeriods
        .map((period) => t('woningscan.intake.period', { from: formatDay(period.from), to: formatDay(period.to) }))
        .join('; '),
    ],
    ['household', intake.household || t('woningscan.intake.nothing')],
    ['pkvw', t(`woningscan.pkvw.${intake.pkvwStatusAtRequest}`)],
  ];
  return (
    <section aria-labelledby="woningscan-intake-heading">
      <Heading2 id="woningscan-intake-heading">{t('woningscan.intake.heading')}</Heading2>
      <DataList>
        {rows.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{t(`woningscan.intake.${key}`)}</DataListKey>
            <DataListValue className="weerbaar-pre-line">{value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
    </section>
  );
}
