import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Button, Heading1, Paragraph } from '../../ui/index.ts';
import { Activation } from './Activation.tsx';
import { InvalidLink } from './ActivationParts.tsx';
import { activationApi } from './api.ts';
import './auth.css';

/** The invitation token from the link's fragment (`/activeren#token=…`); it never reaches a server log. */
function tokenFromFragment(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  if (!hash) return null;
  const token = new URLSearchParams(hash).get('token');
  return token && token.length <= 200 ? token : null;
}

/**
 * Activating an account from an invitation link: who it is for, the person's name (and e-mail for the
 * first admin), a passkey or a password with an authenticator app, then the recovery codes, once.
 */
export function ActivationPage() {
  const { t } = useTranslation();
  usePageTitle(t('activation.title'));
  const [token] = useState(tokenFromFragment);

  // The token must not stay in the address bar, the history or a bookmark.
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
  }, []);

  const inspect = useQuery({
    queryKey: ['activation', 'inspect'],
    queryFn: () => activationApi.inspect(token ?? ''),
    enabled: token !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });

  if (token === null || isApiError(inspect.error, 'invitation_invalid', 'validation_failed', 'not_found')) {
    return <InvalidLink />;
  }
  if (inspect.isPending) {
    return (
      <>
        <Heading1>{t('activation.title')}</Heading1>
        <Paragraph role="status">{t('activation.checking')}</Paragraph>
      </>
    );
  }
  if (inspect.isError) {
    return (
      <>
        <Heading1>{t('activation.title')}</Heading1>
        <Alert type="error">
          <Paragraph>{problemMessage(t, inspect.error)}</Paragraph>
        </Alert>
        <Button appearance="secondary-action-button" onClick={() => void inspect.refetch()}>
          {t('auth.retry')}
        </Button>
      </>
    );
  }
  return <Activation token={token} invitation={inspect.data} />;
}
