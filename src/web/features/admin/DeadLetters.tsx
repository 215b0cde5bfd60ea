import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadLetter } from '../../../shared/admin-mail.ts';
import { problemMessage } from '../../api/problems.ts';
import { Alert, Button, Heading2, Paragraph, StatusMessage, VisuallyHidden } from '../../ui/index.ts';
import { formatDateTime } from '../auth/messages.ts';
import { Pagination } from './AdminNav.tsx';
import { ADMIN_QUERY_KEY, adminApi } from './api.ts';

const MAIL_KINDS = ['invitation', 'credentials_changed', 'setup', 'notice'] as const;
const ERROR_GROUPS = ['smtp_permanent', 'smtp_temporary', 'smtp_auth', 'connection', 'unknown'] as const;

/** `smtp_permanent:550` → its group, for a sentence an admin can act on (the class itself stays visible). */
function errorGroup(errorClass: string): (typeof ERROR_GROUPS)[number] {
  const group = errorClass.split(':')[0];
  return ERROR_GROUPS.find((known) => known === group) ?? 'unknown';
}

/**
 * Mail that could not be delivered (dead letters), in every mail mode: that it exists and why, never
 * what it says (no subject, no text; the recipient masked). An admin may send one once more (audited).
 */
export function DeadLetters() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const deadLetters = useQuery({
    queryKey: [...ADMIN_QUERY_KEY, 'dead-letters', page],
    queryFn: ({ signal }) => adminApi.deadLetters({ page }, signal),
    placeholderData: (previous) => previous,
  });

  async function retry(letter: DeadLetter) {
    setFailure(null);
    setStatus('');
    try {
      await adminApi.retryDeadLetter(letter.id);
      setStatus(t('admin.deadLetters.retried', { recipient: letter.recipient }));
      await queryClient.invalidateQueries({ queryKey: [...ADMIN_QUERY_KEY, 'dead-letters'] });
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  const kindLabel = (kind: string) =>
    MAIL_KINDS.some((known) => known === kind) ? t(`admin.deadLetters.kinds.${kind}`) : kind;

  return (
    <section aria-labelledby="dead-letters-heading">
      <Heading2 id="dead-letters-heading">{t('admin.deadLetters.title')}</Heading2>
      <Paragraph>{t('admin.deadLetters.lead')}</Paragraph>
      <StatusMessage>{status}</StatusMessage>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {deadLetters.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {deadLetters.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, deadLetters.error)}</Paragraph>
        </Alert>
      )}
      {deadLetters.data &&
        (deadLetters.data.deadLetters.length === 0 ? (
          <Paragraph>{t('admin.deadLetters.none')}</Paragraph>
        ) : (
          <ul className="weerbaar-cards" aria-label={t('admin.deadLetters.listLabel')}>
            {deadLetters.data.deadLetters.map((letter) => (
              <li key={letter.id} className="weerbaar-card">
                <p>
                  <strong>{kindLabel(letter.kind)}</strong>
                </p>
                <dl className="weerbaar-facts">
                  <dt>{t('admin.outbox.recipient')}</dt>
                  <dd>{letter.recipient}</dd>
                  <dt>{t('admin.deadLetters.reason')}</dt>
                  <dd>
                    {t(`admin.deadLetters.errors.${errorGroup(letter.errorClass)}`)} <code>{letter.errorClass}</code>
                  </dd>
                  <dt>{t('admin.deadLetters.attempts')}</dt>
                  <dd>{letter.attempts}</dd>
                  <dt>{t('admin.outbox.createdAt')}</dt>
                  <dd>{formatDateTime(letter.createdAt)}</dd>
                  <dt>{t('admin.deadLetters.deadAt')}</dt>
                  <dd>{formatDateTime(letter.deadAt)}</dd>
                </dl>
                <Button appearance="secondary-action-button" onClick={() => void retry(letter)}>
                  {t('admin.deadLetters.retry')}
                  <VisuallyHidden>{`: ${kindLabel(letter.kind)}, ${letter.recipient}`}</VisuallyHidden>
                </Button>
              </li>
            ))}
          </ul>
        ))}
      {deadLetters.data && (
        <Pagination
          page={deadLetters.data.page}
          pageSize={deadLetters.data.pageSize}
          total={deadLetters.data.total}
          onPage={setPage}
        />
      )}
    </section>
  );
}
