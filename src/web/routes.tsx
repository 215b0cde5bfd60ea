import { createBrowserRouter } from 'react-router';
import { WEB_PATHS } from '../shared/web-paths.ts';
// Registers the case types' views, which the case routes and the menu read.
import './case-types.ts';
import { aangifteRoutes } from './features/aangifte/routes.tsx';
import { aftercareRoutes } from './features/aftercare/routes.tsx';
import { caseRoutes } from './features/cases/routes.tsx';
import { contentAdminRoutes } from './features/content-admin/routes.tsx';
import { damageRoutes } from './features/damages/routes.tsx';
import { NotFoundPage } from './features/errors/NotFoundPage.tsx';
import { PageError } from './features/errors/PageError.tsx';
import { handoverRoutes } from './features/handover/routes.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { incidentRoutes } from './features/incidents/routes.tsx';
import { notificationRoutes } from './features/notifications/routes.tsx';
import { packagePartsQuery } from './features/package/data.ts';
import { packageRoutes } from './features/package/routes.tsx';
import { schemeAdminRoutes } from './features/scheme-admin/routes.tsx';
import { trainingRoutes } from './features/training/routes.tsx';
import { zelfscanRoutes } from './features/zelfscan/routes.tsx';
import { loadTexts } from './i18n/index.ts';
import { queryClient } from './query-client.ts';
import { identityRoutes } from './session/identity-routes.tsx';
import { AppShell } from './shell/AppShell.tsx';

/** Paths come from src/shared/web-paths.ts, which the server also reads to answer 404 for unknown pages. */
export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      {
        // A page that fails (or whose code went away with a new release) shows a calm message in the shell.
        errorElement: <PageError />,
        // Most pages load on demand (lazy): opened directly, the shell shows with an empty page for the
        // moment their chunk takes (src/web/shell/router-ready.ts).
        HydrateFallback: Nothing,
        children: [
          // The home page is where most visits start: it comes with the first load; the others do not.
          // Its list of parts loads alongside the texts, so the page shows complete (a failure it shows itself).
          {
            path: WEB_PATHS.home,
            element: <HomePage />,
            loader: async () => {
              await queryClient.prefetchQuery(packagePartsQuery);
              return null;
            },
          },
          { path: WEB_PATHS.privacy, lazy: statementPage('privacy') },
          { path: WEB_PATHS.accessibility, lazy: statementPage('accessibility') },
          ...packageRoutes,
          ...zelfscanRoutes,
          {
            // The other pages need more than the public pages' texts: they load with the page's code, and a
            // link from a public page opens the page once they are there (src/web/i18n).
            loader: async () => {
              await loadTexts('all').catch(() => undefined);
              return null;
            },
            children: [
              ...identityRoutes,
              ...caseRoutes(),
              ...notificationRoutes,
              ...handoverRoutes,
              ...incidentRoutes,
              ...aangifteRoutes,
              ...damageRoutes,
              ...aftercareRoutes,
              ...contentAdminRoutes,
              ...schemeAdminRoutes,
              ...trainingRoutes,
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

function Nothing() {
  return null;
}

function statementPage(messages: 'privacy' | 'accessibility') {
  return async () => {
    const { StatementPage } = await import('./features/legal/StatementPage.tsx');
    return { element: <StatementPage messages={messages} /> };
  };
}
