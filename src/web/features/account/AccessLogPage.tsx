import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AccessLogEntry } from '../../../shared/session.ts';
import { apiGet } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Heading1, Paragraph } from '../../ui/index.ts';
import { rolesInWords } from '../auth/labels.ts';
import { formatDateTime } from '../auth/messages.ts';
import { AccountNav } from './AccountNav.tsx';
import './account.css';

/** "Wie heeft mijn gegevens ingezien?": every time someone else looked at or changed my records. */
export function AccessLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('accessLog.title'));
  const log = useQuery({
    queryKey: ['me', 'access-log'],
    queryFn: ({ signal }) => apiGet<{ entries: AccessLogEntry[] }>('/api/me/access-log', signal),
  });

  function who(entry: AccessLogEntry): string {
    if (entry.actorName) return entry.actorName;
    return entry.actorRoles.length > 0 ? t('accessLog.unnamed') : t('accessLog.nobody');
  }

  function what(entry: AccessLogEntry): string {
    return t(`accessLog.actions.${entry.action}`, { defaultValue: t('accessLog.actions.other') });
  }

  return (
    <>
      <Heading1>{t('accessLog.title')}</Heading1>
      <AccountNav />
      <Paragraph lead>{t('accessLog.lead')}</Paragraph>
      {log.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {log.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, log.error)}</Paragraph>
        </Alert>
      )}
      {log.data &&
        (log.data.entries.length === 0 ? (
          <Paragraph>{t('accessLog.empty')}</Paragraph>
        ) : (
          <ol className="weerbaar-cards" aria-label={t('accessLog.listLabel')}>
            {log.data.entries.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; the list is read-only and never reorders
              <li key={`${entry.at}-${index}`} className="weerbaar-card">
                <p>
                  <strong>
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </strong>
                </p>
                <dl className="weerbaar-facts">
                  <dt>{t('accessLog.who')}</dt>
                  <dd>{who(entry)}</dd>
                  <dt>{t('accessLog.role')}</dt>
                  <dd>{entry.actorRoles.length > 0 ? rolesInWords(t, entry.actorRoles) : t('accessLog.noRole')}</dd>
                  <dt>{t('accessLog.what')}</dt>
                  <dd>{what(entry)}</dd>
                </dl>
              </li>
            ))}
          </ol>
        ))}
      <Paragraph>{t('accessLog.question')}</Paragraph>
    </>
  );
}
