import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { onApiActivity } from '../api/client.ts';
import { type SignInState, signInPath } from '../features/auth/navigation.ts';
import { Button, ButtonGroup, Dialog, Paragraph } from '../ui/index.ts';
import { useSession, useSessionQuery } from './session.ts';

/** Warn this long before the session would lapse (WCAG 2.2.1: at least 20 seconds to extend it). */
const WARN_BEFORE_MS = 2 * 60_000;
/** The server notes activity at most every 30 seconds; count on the earlier moment. */
const TOUCH_MARGIN_MS = 30_000;
const TICK_MS = 5_000;

/**
 * The session ends after a quiet while (15 minutes for staff, 30 for officeholders). Two minutes
 * before, a dialog offers to stay signed in; when the time is up, the sign-in page says what happened.
 */
export function IdleWarning() {
  const { t } = useTranslation();
  const session = useSession();
  const query = useSessionQuery();
  const navigate = useNavigate();
  const location = useLocation();
  const [lastActivity, setLastActivity] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const signedIn = session.person !== null;

  useEffect(() => onApiActivity(() => setLastActivity(Date.now())), []);

  // Count from the latest answer, not from when the page opened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: both are triggers only
  useEffect(() => setNow(Date.now()), [query.dataUpdatedAt, lastActivity]);

  useEffect(() => {
    if (!signedIn) return;
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, [signedIn]);

  const idleExpiresAt = session.info?.idleExpiresAt ? Date.parse(session.info.idleExpiresAt) : null;
  const idleMs = idleExpiresAt !== null ? idleExpiresAt - query.dataUpdatedAt : null;
  const expiresAt = idleMs !== null ? Math.max(idleExpiresAt ?? 0, lastActivity + idleMs - TOUCH_MARGIN_MS) : null;
  const remaining = expiresAt !== null ? expiresAt - now : null;
  const warn = signedIn && remaining !== null && remaining <= WARN_BEFORE_MS;
  const lapsed = signedIn && remaining !== null && remaining <= 0;

  useEffect(() => {
    if (!lapsed) return;
    // Ask the server: activity in another tab may have kept the session alive.
    void session.refresh().then((info) => {
      if (info?.person) return;
      const state: SignInState = { notice: 'expired' };
      navigate(signInPath(location.pathname + location.search), { replace: true, state });
      void session.forget('expired');
    });
  }, [lapsed, session.refresh, session.forget, navigate, location.pathname, location.search]);

  const minutes = Math.max(1, Math.ceil((remaining ?? 0) / 60_000));
  return (
    <Dialog
      open={warn && !lapsed}
      title={t('session.idle.title')}
      onClose={() => void session.refresh()}
      className="weerbaar-idle-warning"
    >
      <Paragraph>{t('session.idle.body', { count: minutes })}</Paragraph>
      <ButtonGroup>
        <Button appearance="primary-action-button" onClick={() => void session.refresh()}>
          {t('session.idle.stay')}
        </Button>
        <Button
          appearance="secondary-action-button"
          onClick={() => {
            const state: SignInState = { notice: 'signedOut' };
            void session.signOut(() => navigate(signInPath(null), { state }));
          }}
        >
          {t('session.idle.signOut')}
        </Button>
      </ButtonGroup>
    </Dialog>
  );
}
