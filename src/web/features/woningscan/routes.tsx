import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';

/** The woningscan's own page: eligibility explained first, then the request. Its case parts show on the case pages. */
export const woningscanRoutes: RouteObject[] = [
  {
    element: <PageGate />,
    children: [
      {
        path: WEB_PATHS.woningscan,
        lazy: async () => ({ Component: (await import('./WoningscanPage.tsx')).WoningscanPage }),
      },
    ],
  },
];
