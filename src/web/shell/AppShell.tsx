import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { WEB_PATHS } from '../../shared/web-paths.ts';
import { AftercareNavItem } from '../features/aftercare/routes.tsx';
import { CaseNavItems } from '../features/cases/routes.tsx';
import { HandoverNavItems } from '../features/handover/routes.tsx';
import { IncidentNavItem } from '../features/incidents/routes.tsx';
import { NotificationsNavItem } from '../features/notifications/NotificationsNavItem.tsx';
import { TrainingNavItems } from '../features/training/routes.tsx';
import { MyZelfscansNavItem } from '../features/zelfscan/routes.tsx';
import { useCatalogue } from '../i18n/index.ts';
import { textScopeOf } from '../i18n/text-groups.ts';
import { useSessionEndedRedirect } from '../session/guards.tsx';
import { preloadSignedInParts } from '../session/PageGate.tsx';
import { AccountArea, DemoBanner, SessionNavItems } from '../session/ShellParts.tsx';
import { useSessionQuery } from '../session/session.ts';
import { Document, Heading2, Surface } from '../ui/index.ts';
import { RouterLink } from '../ui/RouterLink.tsx';
import { SkipLink } from '../ui/SkipLink.tsx';
import { EmergencyNumbers } from './EmergencyNumbers.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useFirstPageSettled } from './page-ready.ts';

const MAIN_ID = 'inhoud';

/** The warning before a quiet session lapses: only a signed-in person needs it, so it loads on sign-in. */
const IdleWarning = lazy(() =>
  import('../session/IdleWarning.tsx').then((module) => ({ default: module.IdleWarning })),
);

/** Should the session not answer by then, the shell shows anyway (as for a visitor who is not signed in). */
const SESSION_WAIT_MS = 2_000;

/**
 * Header, navigation, the always-visible help numbers and the footer around every page.
 *
 * Nothing may move once shown (no layout shift), so the first load goes in three steps. The shell waits
 * for the session's first answer: the DEMO banner and the account area are there from the first paint,
 * with 112 and the support number. It does not wait for the page texts: the menu and the page appear
 * below it when they arrive. The footer takes its place at once but shows only when the page is complete
 * (page-ready.ts); until then the page may still grow above it.
 */
export function AppShell() {
  const { t } = useTranslation();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef(location.pathname);
  const session = useSessionQuery();
  const sessionKnown = !session.isPending || session.failureCount > 0;
  const [stoppedWaiting, setStoppedWaiting] = useState(false);
  const textsReady = useCatalogue(textScopeOf(location.pathname, Boolean(session.data?.person))) !== 'loading';
  const pageComplete = useFirstPageSettled(textsReady);
  const signedIn = Boolean(session.data?.person);
  useSessionEndedRedirect();

  useEffect(() => {
    const timer = window.setTimeout(() => setStoppedWaiting(true), SESSION_WAIT_MS);
    return () => window.clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (signedIn) preloadSignedInParts();
  }, [signedIn]);

  // After a client-side navigation, move focus to the new content so screen readers announce it;
  // not on first load, where the browser's own focus order should start at the skip link.
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    main.current?.focus();
  }, [location.pathname]);

  if (!sessionKnown && !stoppedWaiting) return null;
  return (
    <Surface className="utrecht-theme weerbaar-theme">
      <Document className="weerbaar-document">
        <SkipLink href={`#${MAIN_ID}`}>{t('shell.skipLink')}</SkipLink>
        <DemoBanner />
        <aside className="weerbaar-emergency-bar weerbaar-on-dark" aria-label={t('shell.emergencyBar')}>
          <div className="weerbaar-container">
            <EmergencyNumbers compact />
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
          {textsReady && <MainNavigation />}
        </header>
        {textsReady && (
          <>
            <main id={MAIN_ID} ref={main} tabIndex={-1} className="weerbaar-main">
              <div className="weerbaar-container">
                <Outlet />
              </div>
              {session.data?.person && (
                <Suspense fallback={null}>
                  <IdleWarning />
                </Suspense>
              )}
            </main>
            <Footer visible={pageComplete} />
          </>
        )}
      </Document>
    </Surface>
  );
}

const MENU_ID = 'hoofdmenu';

/**
 * On a narrow screen the menu is a disclosure button, so the page itself starts on the first screen; the
 * theme hides the list while the button says it is collapsed, and hides the button on a wide screen.
 * It is open only on the page where it was opened: following a link closes it. Escape closes it too.
 */
function MainNavigation() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const open = openOn === pathname;
  return (
    <nav
      aria-label={t('shell.mainNavigation')}
      className="weerbaar-nav"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        setOpenOn(null);
        button.current?.focus();
      }}
    >
      <div className="weerbaar-container">
        <button
          ref={button}
          type="button"
          className="weerbaar-menu-button"
          aria-expanded={open}
          aria-controls={MENU_ID}
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          {t('shell.menu')}
        </button>
        <ul id={MENU_ID} className="weerbaar-inline-list">
          <li>
            <RouterLink to={WEB_PATHS.home} end>
              {t('nav.home')}
            </RouterLink>
          </li>
          <li>
            <RouterLink to={WEB_PATHS.zelfscan}>{t('zelfscan.navLabel')}</RouterLink>
          </li>
          <MyZelfscansNavItem />
          <li>
            <RouterLink to={WEB_PATHS.search}>{t('search.navLabel')}</RouterLink>
          </li>
          <CaseNavItems />
          <IncidentNavItem />
          <AftercareNavItem />
          <NotificationsNavItem />
          <SessionNavItems />
          <HandoverNavItems />
          <TrainingNavItems />
        </ul>
      </div>
    </nav>
  );
}

/** Hidden (out of sight and of the accessibility tree) but in its place until the first page is complete. */
function Footer({ visible }: { visible: boolean }) {
  const { t } = useTranslation();
  return (
    <footer className={`weerbaar-footer weerbaar-on-dark${visible ? '' : ' weerbaar-footer--waiting'}`}>
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
  );
}
