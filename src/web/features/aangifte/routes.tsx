import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { INCIDENT_ROLES } from '../incidents/routes.tsx';

/**
 * The pages of an incident's path that follow the incident: the aangifte aid, what happened at the police
 * and the protection step (features/protection). One group; the three pages come in one chunk, on demand.
 */
export const aangifteRoutes: RouteObject[] = [
  {
    element: <PageGate roles={INCIDENT_ROLES} />,
    children: [
      {
        path: WEB_PATHS.incidentAangifte,
        lazy: async () => ({ Component: (await import('./pages.ts')).AangiftePage }),
      },
      {
        path: WEB_PATHS.incidentPolice,
        lazy: async () => ({ Component: (await import('./pages.ts')).PolicePage }),
      },
      {
        path: WEB_PATHS.incidentProtection,
        lazy: async () => ({ Component: (await import('./pages.ts')).ProtectionPage }),
      },
    ],
  },
];
