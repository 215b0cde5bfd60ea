import { Outlet, type RouteObject } from 'react-router';
import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';

const OWNERS: Role[] = ['officeholder', 'relative'];

/** Schadeverhaal: an incident's damage claims (its owner), and Beheer → Schadefonds (admins). On demand. */
export const damageRoutes: RouteObject[] = [
  {
    element: <PageGate roles={OWNERS} />,
    children: [
      {
        path: WEB_PATHS.incidentDamages,
        lazy: async () => ({ Component: (await import('./DamagesPage.tsx')).DamagesPage }),
      },
    ],
  },
  {
    element: (
      <div className="weerbaar-page">
        <Outlet />
      </div>
    ),
    children: [
      {
        element: <PageGate roles={['admin']} />,
        children: [
          {
            path: WEB_PATHS.adminDamageRules,
            lazy: async () => ({ Component: (await import('./DamageRulesPage.tsx')).DamageRulesPage }),
          },
        ],
      },
    ],
  },
];
