import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { RequireSignIn } from '../../session/guards.tsx';

/** My notifications, behind sign-in. */
export const notificationRoutes: RouteObject[] = [
  {
    element: <RequireSignIn />,
    children: [
      {
        path: WEB_PATHS.notifications,
        lazy: async () => ({ Component: (await import('./NotificationsPage.tsx')).NotificationsPage }),
      },
    ],
  },
];
