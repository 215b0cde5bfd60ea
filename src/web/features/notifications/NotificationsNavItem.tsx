import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { activeAndVisible } from '../../api/activity.ts';
import { useSession } from '../../session/session.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useNotifications } from './data.ts';
import './notifications.css';

/** How often the header asks for news while someone is using the tab. */
const POLL_MS = 60_000;

/**
 * "Meldingen" in the main menu for everyone signed in, with the number of unread notifications. It asks
 * again after every page change and once a minute, but only while the tab is in view and the person
 * has used it in the last minute (no websockets, and no keeping an unattended session alive).
 */
export function NotificationsNavItem() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const notifications = useNotifications();
  const { refetch } = notifications;
  const firstPath = useRef(location.pathname);
  const signedIn = Boolean(session.person);

  useEffect(() => {
    if (!signedIn || location.pathname === firstPath.current) return;
    firstPath.current = location.pathname;
    void refetch();
  }, [location.pathname, signedIn, refetch]);

  useEffect(() => {
    if (!signedIn) return;
    const timer = window.setInterval(() => {
      if (activeAndVisible(POLL_MS)) void refetch();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [signedIn, refetch]);

  if (!signedIn) return null;
  const unread = notifications.data?.unread ?? 0;
  return (
    <li>
      {/* Visible "Meldingen 3", heard "Meldingen 3 ongelezen": the visible text is part of the name (WCAG 2.5.3). */}
      <RouterLink to={WEB_PATHS.notifications} className="weerbaar-notifications-link">
        {t('notifications.nav.label')}
        {unread > 0 && (
          <>
            {' '}
            <span className="weerbaar-notifications-link__count">{unread}</span>
            <span className="weerbaar-visually-hidden"> {t('notifications.nav.unread')}</span>
          </>
        )}
      </RouterLink>
    </li>
  );
}
