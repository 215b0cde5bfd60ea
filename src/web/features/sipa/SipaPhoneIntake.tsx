import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import { sipaDetailOf } from '../../../shared/sipa.ts';
import { DataList, DataListItem, DataListKey, DataListValue, Heading2 } from '../../ui/index.ts';
import { formatDateTime } from '../cases/format.ts';

/**
 * The phone intake once it was held: when, what was agreed and the advisor's words on what follows.
 * `audience` picks the words: the requester is addressed ("u"), the advisor reads about the requester.
 */
export function SipaPhoneIntakeSummary({ detail, audience }: { detail: CaseDetail; audience: 'requester' | 'staff' }) {
  const { t } = useTranslation();
  const phoneIntake = sipaDetailOf(detail)?.phoneIntake;
  if (phoneIntake?.state !== 'done') return null;
  const words = `sipa.phoneIntake.${audience}`;
  const rows: [string, string][] = [
    ['heldAt', phoneIntake.heldAt ? formatDateTime(phoneIntake.heldAt) : t(`${words}.beforeProcess`)],
  ];
  if (phoneIntake.agreement) rows.push(['agreement', t(`${words}.agreed.${phoneIntake.agreement}`)]);
  if (phoneIntake.message) rows.push(['message', phoneIntake.message]);
  if (phoneIntake.detailsSharedAt) rows.push(['detailsSharedAt', formatDateTime(phoneIntake.detailsSharedAt)]);
  return (
    <section aria-labelledby="sipa-phone-intake-heading">
      <Heading2 id="sipa-phone-intake-heading">{t('sipa.phoneIntake.heading')}</Heading2>
      <DataList>
        {rows.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{t(`${words}.${key}`)}</DataListKey>
            <DataListValue className="weerbaar-pre-line">{value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
    </section>
  );
}
