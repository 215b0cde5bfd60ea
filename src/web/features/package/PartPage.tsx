import type { ReactNode } from 'react';
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

/**
 * A part as readers see it: title, summary as lead, page text. The public page and the admins' preview
 * (src/web/features/content-admin) both render through this, so the preview is what will be published.
 * `preview` shows the title in the page title's style without making it a second h1 of the admin page.
 */
export function PartArticle({
  title,
  summary,
  body,
  titleId,
  preview = false,
  children,
}: {
  title: string;
  summary: string;
  body: string;
  titleId: string;
  preview?: boolean;
  children?: ReactNode;
}) {
  return (
    <article className="weerbaar-prose" aria-labelledby={titleId}>
      {children}
      {preview ? (
        <p id={titleId} className="utrecht-heading-1">
          {title}
        </p>
      ) : (
        <Heading1 id={titleId}>{title}</Heading1>
      )}
      <Paragraph lead>{summary}</Paragraph>
      <Markdown source={body} />
    </article>
  );
}

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
      <PartArticle title={title[locale]} summary={summary[locale]} body={body[locale]} titleId="part-title">
        {back}
      </PartArticle>
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
