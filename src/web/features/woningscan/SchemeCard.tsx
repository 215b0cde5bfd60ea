import { useTranslation } from 'react-i18next';
import type { SchemeView } from '../../../shared/woningscan-schemes.ts';
import { currentLocale } from '../../i18n/index.ts';
import {
  Heading3,
  Link,
  OrderedList,
  OrderedListItem,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { formatDay } from './data.ts';

/** One scheme as its data says it: never a text of the page's own, so a new revision shows at once. */
export function SchemeCard({ scheme, forYou }: { scheme: SchemeView; forYou?: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const c = scheme.content;
  const amount = c.capEuros !== null ? new Intl.NumberFormat(locale).format(c.capEuros) : null;
  const headingId = `scheme-${scheme.key}`;
  return (
    <section aria-labelledby={headingId} className="weerbaar-panel">
      <Heading3 id={headingId}>{c.name[locale]}</Heading3>
      {forYou !== undefined && (
        <Paragraph>
          <strong>{forYou ? t('woningscan.scheme.forYou') : t('woningscan.scheme.notForYou')}</strong>
        </Paragraph>
      )}
      <Paragraph>
        {c.validTo
          ? t('woningscan.scheme.validFromTo', { from: formatDay(c.validFrom), to: formatDay(c.validTo) })
          : t('woningscan.scheme.validFrom', { from: formatDay(c.validFrom) })}
      </Paragraph>
      <Paragraph>{c.summary[locale]}</Paragraph>
      <Paragraph>{amount ? t('woningscan.scheme.cap', { amount }) : t('woningscan.scheme.noCap')}</Paragraph>
      {c.fixedPackage.length > 0 && (
        <>
          <Paragraph>
            <strong>{t('woningscan.scheme.fixedPackage')}</strong>
          </Paragraph>
          <UnorderedList>
            {c.fixedPackage.map((item) => (
              <UnorderedListItem key={item.nl}>{item[locale]}</UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {c.pkvwRequired && <Paragraph>{t('woningscan.scheme.pkvwRequired')}</Paragraph>}
      <Paragraph>
        <strong>{t('woningscan.scheme.whoPays')}:</strong> {c.whoPays[locale]}
      </Paragraph>
      <Paragraph>
        <strong>{t('woningscan.scheme.route')}</strong>
      </Paragraph>
      <OrderedList>
        {c.route.map((step) => (
          <OrderedListItem key={step}>{t(`woningscan.scheme.steps.${step}`)}</OrderedListItem>
        ))}
      </OrderedList>
      <Paragraph>
        <Link href={c.sourceUrl} rel="noopener noreferrer">
          {t('woningscan.scheme.source', { name: new URL(c.sourceUrl).hostname })}
        </Link>
      </Paragraph>
    </section>
  );
}
