import { useTranslation } from 'react-i18next';
import { packagePartPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { currentLocale } from '../../i18n/index.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Button, Heading1, Heading2, Heading3, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { usePackageParts } from '../package/data.ts';

/** The public home page: what the Veiligheidspakket holds, part by part. */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const parts = usePackageParts();
  const locale = currentLocale();

  return (
    <>
      <Heading1>{t('home.title')}</Heading1>
      <Paragraph lead>{t('home.lead')}</Paragraph>
      <section aria-labelledby="package-parts">
        <Heading2 id="package-parts">{t('home.partsHeading')}</Heading2>
        {parts.isPending && <Paragraph role="status">{t('home.partsLoading')}</Paragraph>}
        {parts.isError && (
          <Alert type="error">
            <Paragraph>{t('home.partsError')}</Paragraph>
            <Button appearance="secondary-action-button" onClick={() => void parts.refetch()}>
              {t('home.retry')}
            </Button>
          </Alert>
        )}
        {parts.data && (
          <ol className="weerbaar-parts">
            {parts.data.parts.map((part, index) => (
              <li key={part.slug} className="weerbaar-parts__item">
                <article aria-labelledby={`part-${part.slug}`}>
                  <p className="weerbaar-parts__number">{t('home.partNumber', { number: index + 1 })}</p>
                  <Heading3 id={`part-${part.slug}`}>
                    <RouterLink to={packagePartPath(part.slug)}>{part.title[locale]}</RouterLink>
                  </Heading3>
                  <Paragraph>{part.summary[locale]}</Paragraph>
                </article>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="home-zelfscan">
        <Heading2 id="home-zelfscan">{t('home.zelfscanHeading')}</Heading2>
        <Paragraph>{t('home.zelfscanText')}</Paragraph>
        <Paragraph>
          <RouterLink to={WEB_PATHS.zelfscan}>{t('home.zelfscanLink')}</RouterLink>
        </Paragraph>
      </section>
    </>
  );
}
