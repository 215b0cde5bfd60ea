import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { useSession } from '../../session/session.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/**
 * Who has a page of their own for aftercare (nazorg): office holders and relatives. Either may ask for
 * it themselves; a relative takes part when the person includes them. The server checks every call.
 */
export const AFTERCARE_ROLES: Role[] = ['officeholder', 'relative'];

/**
 * My aftercare (/nazorg), loaded on demand; the page gate (sign-in, roles) comes with the page, to keep
 * the first load small. The confidant's part is on the support case's staff page.
 */
export const aftercareRoutes: RouteObject[] = [
  {
    path: WEB_PATHS.aftercare,
    lazy: async () => ({ Component: (await import('./MyAftercarePage.tsx')).MyAftercarePage }),
  },
];

/** The main menu's entry, for those who may have a plan or ask for one. */
export function AftercareNavItem() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.person || !session.hasRole(...AFTERCARE_ROLES)) return null;
  return (
    <li>
      <RouterLink to={WEB_PATHS.aftercare}>{t('aftercare.nav')}</RouterLink>
    </li>
  );
}
