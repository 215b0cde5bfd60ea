import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';

/**
 * Schadeverhaal: an incident's damage claims (its owner), and Beheer → Schadefonds (admins). Each page
 * brings its own gate (PageGate around the page), so only these two lines come with the first load.
 */
export const damageRoutes: RouteObject[] = [
  {
    path: WEB_PATHS.incidentDamages,
    lazy: async () => ({ Component: (await import('./pages.ts')).DamagesRoute }),
  },
  {
    path: WEB_PATHS.adminDamageRules,
    lazy: async () => ({ Component: (await import('./pages.ts')).DamageRulesRoute }),
  },
];
