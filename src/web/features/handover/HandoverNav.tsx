import { useTranslation } from 'react-i18next';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import '../account/account.css';
import './handover.css';

/** The handover pages: the overview, registering one office holder, importing many. */
export function HandoverNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('handover.subnav.label')} className="weerbaar-subnav">
      <ul className="weerbaar-inline-list">
        <li>
          <RouterLink to={WEB_PATHS.adminHandovers} end>
            {t('handover.subnav.list')}
          </RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.adminHandoverNew}>{t('handover.subnav.new')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.adminHandoverImport}>{t('handover.subnav.import')}</RouterLink>
        </li>
      </ul>
    </nav>
  );
}
