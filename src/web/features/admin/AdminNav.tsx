import { useTranslation } from 'react-i18next';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { Button } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import '../account/account.css';

/**
 * The admin pages: people, invitations, role requests (four eyes), the package content, the woningscan
 * schemes, the routing of support requests to associations and the outbox (the local mail without a mail
 * server; undelivered mail always).
 */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('admin.nav.label')} className="weerbaar-subnav">
      <ul className="weerbaar-inline-list">
        <li>
          <RouterLink to={WEB_PATHS.adminPeople}>{t('admin.nav.people')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.adminInvitations}>{t('admin.nav.invitations')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.adminRoleGrants}>{t('admin.nav.roleGrants')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.adminContent}>{t('contentAdmin.nav')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.adminSchemes}>{t('schemeAdmin.nav')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.adminDamageRules}>{t('admin.nav.damageRules')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.adminAssociationRouting}>{t('associationRouting.nav')}</RouterLink>
        </li>
        <li>
          <RouterLink to={WEB_PATHS.adminOutbox}>{t('admin.nav.outbox')}</RouterLink>
        </li>
      </ul>
    </nav>
  );
}

/** Previous / next page of a long list. */
export function Pagination({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('admin.pagination.label')} className="weerbaar-pagination">
      <p>{t('admin.pagination.position', { page, pages })}</p>
      <ul className="weerbaar-inline-list">
        {page > 1 && (
          <li>
            <Button appearance="subtle-button" onClick={() => onPage(page - 1)}>
              {t('admin.pagination.previous')}
            </Button>
          </li>
        )}
        {page < pages && (
          <li>
            <Button appearance="subtle-button" onClick={() => onPage(page + 1)}>
              {t('admin.pagination.next')}
            </Button>
          </li>
        )}
      </ul>
    </nav>
  );
}
