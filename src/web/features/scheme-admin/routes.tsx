import { Outlet, type RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';

/** Beheer → Regelingen: admins keep the woningscan schemes as dated versions (issue #17). */
export const schemeAdminRoutes: RouteObject[] = [
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
            path: WEB_PATHS.adminSchemes,
            lazy: async () => ({ Component: (await import('./SchemesPage.tsx')).SchemesPage }),
          },
        ],
      },
    ],
  },
];
