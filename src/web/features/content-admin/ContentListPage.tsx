import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { adminContentPartPath } from '../../../shared/web-paths.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Heading1, Heading2, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { AdminNav } from '../admin/AdminNav.tsx';
import { CONTENT_ADMIN_QUERY_KEY, contentAdminApi } from './api.ts';
import { authorText, formatWhen } from './messages.ts';
import '../account/account.css';

/** Beheer → Inhoud: every part of the package with its current version, when it changed and by whom. */
export function ContentListPage() {
  const { t } = useTranslation();
  usePageTitle(t('contentAdmin.list.title'));
  const locale = currentLocale();
  const parts = useQuery({
    queryKey: [...CONTENT_ADMIN_QUERY_KEY, 'parts'],
    queryFn: ({ signal }) => contentAdminApi.parts(signal),
  });

  return (
    <>
      <Heading1>{t('contentAdmin.list.title')}</Heading1>
      <AdminNav />
      <Paragraph lead>{t('contentAdmin.list.lead')}</Paragraph>
      {parts.isPending && <Paragraph role="status">{t('contentAdmin.loading')}</Paragraph>}
      {parts.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, parts.error)}</Paragraph>
        </Alert>
      )}
      {parts.data && (
        <section aria-labelledby="content-parts">
          <Heading2 id="content-parts">{t('contentAdmin.list.parts')}</Heading2>
          <ul className="weerbaar-cards" aria-labelledby="content-parts">
            {parts.data.parts.map((part) => (
              <li key={part.slug} className="weerbaar-card">
                <p>
                  <strong>
                    <RouterLink to={adminContentPartPath(part.slug)}>{part.title[locale]}</RouterLink>
                  </strong>
                </p>
                <dl className="weerbaar-facts">
                  <dt>{t('contentAdmin.list.version')}</dt>
                  <dd>{part.current.revision}</dd>
                  <dt>{t('contentAdmin.list.changed')}</dt>
                  <dd>{formatWhen(part.current.createdAt, locale)}</dd>
                  <dt>{t('contentAdmin.list.by')}</dt>
                  <dd>{authorText(t, part.current)}</dd>
                </dl>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
