import { createBrowserRouter } from 'react-router';
import { WEB_PATHS } from '../shared/web-paths.ts';
import { caseRoutes } from './features/cases/routes.tsx';
import { contentAdminRoutes } from './features/content-admin/routes.tsx';
import { NotFoundPage } from './features/errors/NotFoundPage.tsx';
import { PageError } from './features/errors/PageError.tsx';
import { handoverRoutes } from './features/handover/routes.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { StatementPage } from './features/legal/StatementPage.tsx';
import { notificationRoutes } from './features/notifications/routes.tsx';
import { packageRoutes } from './features/package/routes.tsx';
import { trainingRoutes } from './features/training/routes.tsx';
import { zelfscanRoutes } from './features/zelfscan/routes.ts';
import { identityRoutes } from './session/identity-routes.tsx';
import { AppShell } from './shell/AppShell.tsx';

/** Paths come from src/shared/web-paths.ts, which the server also reads to answer 404 for unknown pages. */
export const router = createBrowserRouter([
  {
    element: <AppShell />,
    // Most pages load on demand (lazy): opened directly, nothing shows for the moment their chunk takes.
    HydrateFallback: Nothing,
    children: [
      {
        // A page that fails (or whose code went away with a new release) shows a calm message in the shell.
        errorElement: <PageError />,
        children: [
          { path: WEB_PATHS.home, element: <HomePage /> },
          { path: WEB_PATHS.privacy, element: <StatementPage messages="privacy" /> },
          { path: WEB_PATHS.accessibility, element: <StatementPage messages="accessibility" /> },
          ...packageRoutes,
          ...zelfscanRoutes,
          ...identityRoutes,
          ...caseRoutes,
          ...notificationRoutes,
          ...handoverRoutes,
          ...contentAdminRoutes,
          ...trainingRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

function Nothing() {
  return null;
}
