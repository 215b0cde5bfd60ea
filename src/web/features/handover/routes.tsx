import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { useSession } from '../../session/session.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/** The package handover (admins), my package (office holders) and activating with the printed code (anyone). */
export const handoverRoutes: RouteObject[] = [
  {
    path: WEB_PATHS.activateByCode,
    lazy: async () => ({ Component: (await import('./ActivationCodePage.tsx')).ActivationCodePage }),
  },
  {
    element: <PageGate roles={['officeholder']} />,
    children: [
      {
        path: WEB_PATHS.myPackage,
        lazy: async () => ({ Component: (await import('./MyPackagePage.tsx')).MyPackagePage }),
      },
    ],
  },
  {
    element: <PageGate roles={['admin']} />,
    children: [
      {
        path: WEB_PATHS.adminHandovers,
        lazy: async () => ({ Component: (await import('./HandoverListPage.tsx')).HandoverListPage }),
      },
      {
        path: WEB_PATHS.adminHandoverNew,
        lazy: async () => ({ Component: (await import('./RegisterPage.tsx')).RegisterPage }),
      },
      {
        path: WEB_PATHS.adminHandoverImport,
        lazy: async () => ({ Component: (await import('./ImportPage.tsx')).ImportPage }),
      },
      {
        path: WEB_PATHS.adminHandover,
        lazy: async () => ({ Component: (await import('./HandoverPage.tsx')).HandoverPage }),
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
