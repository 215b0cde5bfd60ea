import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { RequireRole, RequireSignIn } from '../../session/guards.tsx';
import { useSession } from '../../session/session.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ActivationCodePage } from './ActivationCodePage.tsx';
import { HandoverListPage } from './HandoverListPage.tsx';
import { HandoverPage } from './HandoverPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { MyPackagePage } from './MyPackagePage.tsx';
import { RegisterPage } from './RegisterPage.tsx';

/** The package handover (admins), my package (office holders) and activating with the printed code (anyone). */
export const handoverRoutes: RouteObject[] = [
  { path: WEB_PATHS.activateByCode, element: <ActivationCodePage /> },
  {
    element: <RequireSignIn />,
    children: [
      {
        element: <RequireRole roles={['officeholder']} />,
        children: [{ path: WEB_PATHS.myPackage, element: <MyPackagePage /> }],
      },
      {
        element: <RequireRole roles={['admin']} />,
        children: [
          { path: WEB_PATHS.adminHandovers, element: <HandoverListPage /> },
          { path: WEB_PATHS.adminHandoverNew, element: <RegisterPage /> },
          { path: WEB_PATHS.adminHandoverImport, element: <ImportPage /> },
          { path: WEB_PATHS.adminHandover, element: <HandoverPage /> },
        ],
      },
    ],
  },
];

/** Main menu entries: "Mijn pakket" for office holders, "Pakketoverdracht" for admins. */
export function HandoverNavItems() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.person) return null;
  return (
    <>
      {session.hasRole('officeholder') && (
        <li>
          <RouterLink to={WEB_PATHS.myPackage}>{t('handover.nav.mine')}</RouterLink>
        </li>
      )}
      {session.hasRole('admin') && (
        <li>
          <RouterLink to={WEB_PATHS.adminHandovers}>{t('handover.nav.admin')}</RouterLink>
        </li>
      )}
    </>
  );
}
