import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { useSession } from '../../session/session.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/** Who may save a result and keep an action plan: office holders and relatives. */
export const ZELFSCAN_SAVER_ROLES: Role[] = ['officeholder', 'relative'];

/**
 * The zelfscan loads on demand: its questionnaire and rules engine are only needed here, and arrive as a
 * static asset, so taking the scan makes no API request at all. "Mijn zelfscans" is behind sign-in.
 */
export const zelfscanRoutes: RouteObject[] = [
  {
    path: WEB_PATHS.zelfscan,
    lazy: async () => ({ Component: (await import('./ZelfscanPage.tsx')).ZelfscanPage }),
    // Opened directly, the shell shows while the chunk arrives (a fraction of a second).
    HydrateFallback: Nothing,
  },
  {
    path: WEB_PATHS.zelfscanResult,
    lazy: async () => ({ Component: (await import('./SignedInResultPage.tsx')).SignedInResultPage }),
    HydrateFallback: Nothing,
  },
  {
    element: <PageGate roles={ZELFSCAN_SAVER_ROLES} />,
    children: [
      {
        path: WEB_PATHS.myZelfscans,
        lazy: async () => ({ Component: (await import('./MyZelfscansPage.tsx')).MyZelfscansPage }),
      },
      {
        path: WEB_PATHS.myZelfscan,
        lazy: async () => ({ Component: (await import('./MyZelfscanPage.tsx')).MyZelfscanPage }),
      },
    ],
  },
];

/** The main menu's entry "Mijn zelfscans", for those who can save a result. */
export function MyZelfscansNavItem() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.person || !session.hasRole(...ZELFSCAN_SAVER_ROLES)) return null;
  return (
    <li>
      <RouterLink to={WEB_PATHS.myZelfscans}>{t('zelfscanSaved.mine.nav')}</RouterLink>
    </li>
  );
}

function Nothing() {
  return null;
}
