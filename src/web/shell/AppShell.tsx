import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { WEB_PATHS } from '../../shared/web-paths.ts';
import { Document, Heading2, PageContent, PageFooter, PageHeader, SkipLink, Surface } from '../ui/index.ts';
import { RouterLink } from '../ui/RouterLink.tsx';
import { EmergencyNumbers } from './EmergencyNumbers.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

const MAIN_ID = 'inhoud';

/** Header, navigation, the always-visible help numbers and the footer around every page. */
export function AppShell() {
  const { t } = useTranslation();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef(location.pathname);

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
        <aside className="weerbaar-emergency-bar" aria-label={t('shell.emergencyBar')}>
          <EmergencyNumbers />
        </aside>
        <PageHeader className="weerbaar-header">
          <div className="weerbaar-header__inner">
            <RouterLink to={WEB_PATHS.home} className="weerbaar-brand" aria-label={t('shell.homeLink')} end>
              <span className="weerbaar-brand__name">{t('app.name')}</span>
              <span className="weerbaar-brand__tagline">{t('app.tagline')}</span>
            </RouterLink>
            <LanguageSwitch />
          </div>
          <nav aria-label={t('shell.mainNavigation')} className="weerbaar-nav">
            <ul>
              <li>
                <RouterLink to={WEB_PATHS.home} end>
                  {t('nav.home')}
                </RouterLink>
              </li>
            </ul>
          </nav>
        </PageHeader>
        <main id={MAIN_ID} ref={main} tabIndex={-1} className="weerbaar-main">
          <PageContent>
            <Outlet />
          </PageContent>
        </main>
        <PageFooter className="weerbaar-footer">
          <div className="weerbaar-footer__inner">
            <section aria-labelledby="footer-help">
              <Heading2 id="footer-help" className="weerbaar-footer__heading">
                {t('shell.footerHeading')}
              </Heading2>
              <EmergencyNumbers />
            </section>
            <nav aria-label={t('shell.footerLinks')}>
              <ul className="weerbaar-footer__links">
                <li>
                  <RouterLink to={WEB_PATHS.privacy}>{t('privacy.title')}</RouterLink>
                </li>
                <li>
                  <RouterLink to={WEB_PATHS.accessibility}>{t('accessibility.title')}</RouterLink>
                </li>
              </ul>
            </nav>
          </div>
        </PageFooter>
      </Document>
    </Surface>
  );
}
