import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Button, Heading1, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/**
 * What a page shows when it fails to load or breaks, inside the shell (so 112 and the support team's
 * number stay in view). The usual cause is a new release while the tab was open: the page's code moved,
 * and loading the page again fixes it. No error details: they help nobody here and may carry data.
 */
export function PageError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const newRelease = isChunkLoadError(error);
  const title = newRelease ? t('pageError.newReleaseTitle') : t('pageError.title');
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph>{newRelease ? t('pageError.newReleaseBody') : t('pageError.body')}</Paragraph>
      <Paragraph>
        <Button appearance="primary-action-button" onClick={() => window.location.reload()}>
          {t('pageError.reload')}
        </Button>
      </Paragraph>
      <Paragraph>
        <RouterLink to={WEB_PATHS.home}>{t('notFound.home')}</RouterLink>
      </Paragraph>
    </>
  );
}

/** Browsers word a failed dynamic import differently; all of them name the module or the import. */
function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(
    message,
  );
}
