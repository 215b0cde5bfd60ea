import { Outlet, type RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';

/** Beheer → Inhoud: admins edit the package texts (issue #4). */
export const contentAdminRoutes: RouteObject[] = [
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
            path: WEB_PATHS.adminContent,
            lazy: async () => ({ Component: (await import('./ContentListPage.tsx')).ContentListPage }),
          },
          {
            path: WEB_PATHS.adminContentPart,
            lazy: async () => ({ Component: (await import('./ContentEditPage.tsx')).ContentEditPage }),
          },
        ],
      },
    ],
  },
];
