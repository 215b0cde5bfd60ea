import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { OutboxMessage } from '../../../shared/admin.ts';
import { adminOutboxMessagePath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { apiGet } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Heading1, Heading2, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { formatDateTime } from '../auth/messages.ts';
import { AdminNav, Pagination } from './AdminNav.tsx';
import { ADMIN_QUERY_KEY, adminApi } from './api.ts';
import { DeadLetters } from './DeadLetters.tsx';
import './admin.css';

function NoLocalMail() {
  const { t } = useTranslation();
  return <Paragraph>{t('admin.outbox.notLocal')}</Paragraph>;
}

/**
 * The local outbox: without a mail server, what would have been sent stays here (and on the server's
 * console), so an admin can pass on an activation link. Reading a message is recorded. Below it, in every
 * mail mode, the mail that could not be delivered (dead letters, without content).
 */
export function OutboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.outbox.title'));
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('pagina') ?? '1') || 1);
  const outbox = useQuery({
    queryKey: [...ADMIN_QUERY_KEY, 'outbox', page],
    queryFn: ({ signal }) => adminApi.outbox({ page }, signal),
    enabled: session.localMail,
  });

  return (
    <>
      <Heading1>{t('admin.outbox.title')}</Heading1>
      <AdminNav />
      {!session.localMail ? (
        <NoLocalMail />
      ) : (
        <>
          <Paragraph lead>{t('admin.outbox.lead')}</Paragraph>
          <Paragraph>{t('admin.outbox.audited')}</Paragraph>
          {outbox.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
          {outbox.isError && (
            <Alert type="error">
              <Paragraph>{problemMessage(t, outbox.error)}</Paragraph>
            </Alert>
          )}
          {outbox.data &&
            (outbox.data.messages.length === 0 ? (
              <Paragraph>{t('admin.outbox.none')}</Paragraph>
            ) : (
              <ul className="weerbaar-cards" aria-label={t('admin.outbox.listLabel')}>
                {outbox.data.messages.map((message) => (
                  <li key={message.id} className="weerbaar-card">
                    <p>
                      <strong>
                        <RouterLink to={adminOutboxMessagePath(message.id)}>{message.subject}</RouterLink>
                      </strong>
                    </p>
                    <dl className="weerbaar-facts">
                      <dt>{t('admin.outbox.recipient')}</dt>
                      <dd>{message.recipient}</dd>
                      <dt>{t('admin.outbox.createdAt')}</dt>
                      <dd>{formatDateTime(message.createdAt)}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
            ))}
          {outbox.data && (
            <Pagination
              page={outbox.data.page}
              pageSize={outbox.data.pageSize}
              total={outbox.data.total}
              onPage={(next) => setParams(new URLSearchParams({ pagina: String(next) }))}
            />
          )}
        </>
      )}
      <DeadLetters />
    </>
  );
}

export function OutboxMessagePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const message = useQuery({
    queryKey: [...ADMIN_QUERY_KEY, 'outbox', 'message', id],
    queryFn: ({ signal }) => apiGet<{ message: OutboxMessage }>(`/api/admin/outbox/${encodeURIComponent(id)}`, signal),
    enabled: session.localMail,
    retry: false,
    gcTime: 0,
  });
  const data = message.data?.message;
  usePageTitle(data?.subject ?? t('admin.outbox.messageTitle'));

  return (
    <>
      <Heading1>{data?.subject ?? t('admin.outbox.messageTitle')}</Heading1>
      <AdminNav />
      <Paragraph>
        <RouterLink to={WEB_PATHS.adminOutbox}>{t('admin.outbox.back')}</RouterLink>
      </Paragraph>
      {!session.localMail && <NoLocalMail />}
      {message.isLoading && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {message.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, message.error)}</Paragraph>
        </Alert>
      )}
      {data && (
        <>
          <dl className="weerbaar-facts">
            <dt>{t('admin.outbox.recipient')}</dt>
            <dd>{data.recipient}</dd>
            <dt>{t('admin.outbox.createdAt')}</dt>
            <dd>{formatDateTime(data.createdAt)}</dd>
            <dt>{t('admin.outbox.sentAt')}</dt>
            <dd>{data.sentAt ? formatDateTime(data.sentAt) : t('admin.outbox.waiting')}</dd>
          </dl>
          <Heading2>{t('admin.outbox.body')}</Heading2>
          {data.body === null ? (
            <Paragraph>{t('admin.outbox.noBody')}</Paragraph>
          ) : (
            <pre className="weerbaar-mail-body" id="outbox-body">
              {data.body}
            </pre>
          )}
        </>
      )}
    </>
  );
}
