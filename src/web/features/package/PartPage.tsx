import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { ApiError } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Button, Heading1, Paragraph } from '../../ui/index.ts';
import { Markdown } from '../../ui/Markdown.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { usePackagePart } from './data.ts';
import '../../ui/prose.css';

/** One part of the package: its title, summary and full page text, ending with what to do next. */
export function PartPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const part = usePackagePart(slug);
  const locale = currentLocale();
  const missing = part.error instanceof ApiError && (part.error.status === 404 || part.error.status === 400);
  usePageTitle(
    part.data ? part.data.part.title[locale] : missing ? t('packagePage.notFoundTitle') : t('packagePage.loadingTitle'),
  );

  const back = (
    <Paragraph className="weerbaar-back-link">
      <RouterLink to={WEB_PATHS.home}>{t('packagePage.backToPackage')}</RouterLink>
    </Paragraph>
  );

  if (part.data) {
    const { title, summary, body } = part.data.part;
    return (
      <article className="weerbaar-prose" aria-labelledby="part-title">
        {back}
        <Heading1 id="part-title">{title[locale]}</Heading1>
        <Paragraph lead>{summary[locale]}</Paragraph>
        <Markdown source={body[locale]} />
      </article>
    );
  }
  if (missing) {
    return (
      <>
        <Heading1>{t('packagePage.notFoundTitle')}</Heading1>
        <Paragraph>{t('packagePage.notFoundBody')}</Paragraph>
        {back}
      </>
    );
  }
  return (
    <>
      <Heading1>{t('packagePage.loadingTitle')}</Heading1>
      {part.isPending && <Paragraph role="status">{t('packagePage.loading')}</Paragraph>}
      {part.isError && (
        <Alert type="error">
          <Paragraph>{t('packagePage.error')}</Paragraph>
          <Button appearance="secondary-action-button" onClick={() => void part.refetch()}>
            {t('packagePage.retry')}
          </Button>
        </Alert>
      )}
      {back}
    </>
  );
}
