import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';

/** My notifications, behind sign-in. */
export const notificationRoutes: RouteObject[] = [
  {
    element: <PageGate />,
    children: [
      {
        path: WEB_PATHS.notifications,
        lazy: async () => ({ Component: (await import('./NotificationsPage.tsx')).NotificationsPage }),
      },
    ],
  },
];
