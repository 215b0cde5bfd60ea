import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { LiveSession } from '../../../shared/session.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { apiDelete, apiGet } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  Heading1,
  Heading2,
  Paragraph,
  StatusMessage,
  VisuallyHidden,
} from '../../ui/index.ts';
import { formatDateTime } from '../auth/messages.ts';
import type { SignInState } from '../auth/navigation.ts';
import { AccountNav } from './AccountNav.tsx';
import { describeUserAgent } from './devices.ts';
import './account.css';

const SESSIONS_QUERY_KEY = ['me', 'sessions'] as const;

/** Where am I signed in? End one session, or sign out everywhere. */
export function SessionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('sessions.title'));
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: SESSIONS_QUERY_KEY,
    queryFn: ({ signal }) => apiGet<{ sessions: LiveSession[] }>('/api/me/sessions', signal),
  });
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [ending, setEnding] = useState<LiveSession | null>(null);
  const [endAll, setEndAll] = useState(false);

  function device(item: LiveSession): string {
    const { browser, system } = describeUserAgent(item.userAgent);
    if (browser && system) return t('sessions.deviceBoth', { browser, system });
    return browser ?? system ?? t('sessions.deviceUnknown');
  }

  async function end(item: LiveSession) {
    setEnding(null);
    setFailure(null);
    try {
      await apiDelete(`/api/me/sessions/${encodeURIComponent(item.id)}`);
      if (item.current) {
        const state: SignInState = { notice: 'signedOut' };
        navigate(WEB_PATHS.signIn, { state });
        await session.forget('signedOut');
        return;
      }
      await queryClient.invalidateQueries({ queryKey: SESSIONS_QUERY_KEY });
      setStatus(t('sessions.ended', { device: device(item) }));
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  async function signOutEverywhere() {
    setEndAll(false);
    setFailure(null);
    try {
      const state: SignInState = { notice: 'signedOutEverywhere' };
      await session.signOutEverywhere(() => navigate(WEB_PATHS.signIn, { state }));
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  return (
    <>
      <Heading1>{t('sessions.title')}</Heading1>
      <AccountNav />
      <Paragraph lead>{t('sessions.lead')}</Paragraph>
      <StatusMessage>{status}</StatusMessage>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {sessions.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {sessions.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, sessions.error)}</Paragraph>
        </Alert>
      )}
      {sessions.data && (
        <ul className="weerbaar-cards" aria-label={t('sessions.listLabel')}>
          {sessions.data.sessions.map((item) => (
            <li key={item.id} className="weerbaar-card">
              <p>
                <strong>{device(item)}</strong>
                {item.current && <span className="weerbaar-badge">{t('sessions.current')}</span>}
              </p>
              <dl className="weerbaar-facts">
                <dt>{t('sessions.method')}</dt>
                <dd>{t(`sessions.methods.${item.method}`, { defaultValue: t('sessions.methods.other') })}</dd>
                <dt>{t('sessions.createdAt')}</dt>
                <dd>{formatDateTime(item.createdAt)}</dd>
                <dt>{t('sessions.lastSeenAt')}</dt>
                <dd>{formatDateTime(item.lastSeenAt)}</dd>
              </dl>
              <Button appearance="secondary-action-button" onClick={() => setEnding(item)}>
                {item.current ? t('sessions.endCurrent') : t('sessions.end')}
                {!item.current && (
                  <VisuallyHidden>{`: ${device(item)}, ${formatDateTime(item.createdAt)}`}</VisuallyHidden>
                )}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Heading2>{t('sessions.everywhereHeading')}</Heading2>
      <Paragraph>{t('sessions.everywhereIntro')}</Paragraph>
      <ButtonGroup>
        <Button appearance="primary-action-button" onClick={() => setEndAll(true)}>
          {t('sessions.everywhere')}
        </Button>
      </ButtonGroup>
      <ConfirmDialog
        open={ending !== null}
        title={ending?.current ? t('sessions.confirmCurrentTitle') : t('sessions.confirmTitle')}
        confirmLabel={ending?.current ? t('sessions.endCurrent') : t('sessions.end')}
        cancelLabel={t('auth.cancel')}
        onCancel={() => setEnding(null)}
        onConfirm={() => ending && void end(ending)}
      >
        <Paragraph>
          {ending?.current
            ? t('sessions.confirmCurrentBody')
            : t('sessions.confirmBody', { device: ending ? device(ending) : '' })}
        </Paragraph>
      </ConfirmDialog>
      <ConfirmDialog
        open={endAll}
        title={t('sessions.confirmEverywhereTitle')}
        confirmLabel={t('sessions.everywhere')}
        cancelLabel={t('auth.cancel')}
        onCancel={() => setEndAll(false)}
        onConfirm={() => void signOutEverywhere()}
      >
        <Paragraph>{t('sessions.confirmEverywhereBody')}</Paragraph>
      </ConfirmDialog>
    </>
  );
}
