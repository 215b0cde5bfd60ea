import { useTranslation } from 'react-i18next';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import './account.css';

/** The four pages of "my account", as a small menu on each of them. */
export function AccountNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('account.nav.label')} className="weerbaar-subnav">
      <ul className="weerbaar-inline-list">
        <li>
          <RouterLink to={WEB_PATHS.account} end>
            {t('account.nav.methods')}
          </RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.accountSessions}>{t('account.nav.sessions')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.accountAccessLog}>{t('account.nav.accessLog')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.accountData}>{t('account.nav.myData')}</RouterLink>
        </li>
      </ul>
    </nav>
  );
}
