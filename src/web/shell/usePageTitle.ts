import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Every page has its own title (WCAG 2.4.2), in the current language. */
export function usePageTitle(page: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('pageTitle', { page });
  }, [page, t]);
}
