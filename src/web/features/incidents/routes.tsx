import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { useSession } from '../../session/session.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/** Who keeps an incident log: office holders, and relatives for incidents aimed at them. */
export const INCIDENT_ROLES: Role[] = ['officeholder', 'relative'];

/** My incidents, the quick entry and one incident; loaded on demand, behind sign-in. */
export const incidentRoutes: RouteObject[] = [
  {
    element: <PageGate roles={INCIDENT_ROLES} />,
    children: [
      {
        path: WEB_PATHS.incidents,
        lazy: async () => ({ Component: (await import('./IncidentsPage.tsx')).IncidentsPage }),
      },
      {
        path: WEB_PATHS.incidentNew,
        lazy: async () => ({ Component: (await import('./QuickEntryPage.tsx')).QuickEntryPage }),
      },
      {
        path: WEB_PATHS.incident,
        lazy: async () => ({ Component: (await import('./IncidentPage.tsx')).IncidentPage }),
      },
      {
        path: WEB_PATHS.incidentShare,
        lazy: async () => ({ Component: (await import('./ShareIncidentPage.tsx')).ShareIncidentPage }),
      },
    ],
  },
];

/** The main menu's entry, for those who keep an incident log. */
export function IncidentNavItem() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.person || !session.hasRole(...INCIDENT_ROLES)) return null;
  return (
    <li>
      <RouterLink to={WEB_PATHS.incidents}>{t('incidents.nav')}</RouterLink>
    </li>
  );
}
