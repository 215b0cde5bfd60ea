import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';

/**
 * The zelfscan loads on demand: its questionnaire and rules engine are only needed here, and arrive as a
 * static asset, so taking the scan makes no API request at all.
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
];

function Nothing() {
  return null;
}
