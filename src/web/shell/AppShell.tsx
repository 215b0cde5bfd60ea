import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { WEB_PATHS } from '../../shared/web-paths.ts';
import { CaseNavItems } from '../features/cases/routes.tsx';
import { HandoverNavItems } from '../features/handover/routes.tsx';
import { NotificationsNavItem } from '../features/notifications/NotificationsNavItem.tsx';
import { TrainingNavItems } from '../features/training/routes.tsx';
import { useSessionEndedRedirect } from '../session/guards.tsx';
import { IdleWarning } from '../session/IdleWarning.tsx';
import { AccountArea, DemoBanner, SessionNavItems } from '../session/ShellParts.tsx';
import { Document, Heading2, Surface } from '../ui/index.ts';
import { RouterLink } from '../ui/RouterLink.tsx';
import { SkipLink } from '../ui/SkipLink.tsx';
import { EmergencyNumbers } from './EmergencyNumbers.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

const MAIN_ID = 'inhoud';

/** Header, navigation, the always-visible help numbers and the footer around every page. */
export function AppShell() {
  const { t } = useTranslation();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef(location.pathname);
  useSessionEndedRedirect();

  // After a client-side navigation, move focus to the new content so screen readers announce it;
  // not on first load, where the browser's own focus order should start at the skip link.
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    main.current?.focus();
  }, [location.pathname]);

  return (
    <Surface className="utrecht-theme weerbaar-theme">
      <Document className="weerbaar-document">
        <SkipLink href={`#${MAIN_ID}`}>{t('shell.skipLink')}</SkipLink>
        <DemoBanner />
        <aside className="weerbaar-emergency-bar weerbaar-on-dark" aria-label={t('shell.emergencyBar')}>
          <div className="weerbaar-container">
            <EmergencyNumbers />
          </div>
        </aside>
        <header className="weerbaar-header weerbaar-on-dark">
          <div className="weerbaar-container weerbaar-header__inner">
            {/* The link's name starts with its visible text (WCAG 2.5.3), so the tagline sits outside it. */}
            <div className="weerbaar-brand">
              <RouterLink to={WEB_PATHS.home} className="weerbaar-brand__name" aria-label={t('shell.homeLink')} end>
                {t('app.name')}
              </RouterLink>
              <span className="weerbaar-brand__tagline">{t('app.tagline')}</span>
            </div>
            <div className="weerbaar-header-tools">
              <LanguageSwitch />
              <AccountArea />
            </div>
          </div>
          <nav aria-label={t('shell.mainNavigation')} className="weerbaar-nav">
            <div className="weerbaar-container">
              <ul className="weerbaar-inline-list">
                <li>
                  <RouterLink to={WEB_PATHS.home} end>
                    {t('nav.home')}
                  </RouterLink>
                </li>
                <li>
                  <RouterLink to={WEB_PATHS.zelfscan}>{t('zelfscan.navLabel')}</RouterLink>
                </li>
                <li>
                  <RouterLink to={WEB_PATHS.search}>{t('search.navLabel')}</RouterLink>
                </li>
                <CaseNavItems />
                <NotificationsNavItem />
                <SessionNavItems />
                <HandoverNavItems />
                <TrainingNavItems />
              </ul>
            </div>
          </nav>
        </header>
        <main id={MAIN_ID} ref={main} tabIndex={-1} className="weerbaar-main">
          <div className="weerbaar-container">
            <Outlet />
          </div>
          <IdleWarning />
        </main>
        <footer className="weerbaar-footer weerbaar-on-dark">
          <div className="weerbaar-container weerbaar-footer__inner">
            <section aria-labelledby="footer-help">
              <Heading2 id="footer-help" className="weerbaar-footer__heading">
                {t('shell.footerHeading')}
              </Heading2>
              <EmergencyNumbers />
            </section>
            <nav aria-label={t('shell.footerLinks')}>
              <ul className="weerbaar-inline-list">
                <li>
                  <RouterLink to={WEB_PATHS.privacy}>{t('privacy.title')}</RouterLink>
                </li>
                <li>
                  <RouterLink to={WEB_PATHS.accessibility}>{t('accessibility.title')}</RouterLink>
                </li>
              </ul>
            </nav>
          </div>
        </footer>
      </Document>
    </Surface>
  );
}
