/**
 * The first screen of the home page and the zelfscan as HTML, rendered at build time from the app's own
 * components (issue #13: LCP of `/`). vite.config.ts (`prerenderFirstScreens`) runs this in Node after the
 * client build; the server sends the result for those pages (src/server/plugins/web-app.ts), and main.tsx
 * replaces it with the live app once that app can show the same page complete (src/web/shell/prerendered.ts).
 *
 * What is in it does not change without a release: the shell (112 and the support number, header, menu) as
 * for a visitor who is not signed in, and the page's Dutch texts (the home page, the zelfscan's introduction
 * as for someone who has not started). The package's parts are admin-editable, so the home page's list shows
 * what it shows while it loads; the live app fills it in.
 */
import './zod-settings.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, type RouteObject, StaticRouterProvider } from 'react-router';
import type { SessionInfo } from '../shared/session.ts';
import { WEB_PATHS } from '../shared/web-paths.ts';
import { HomePage } from './features/home/HomePage.tsx';
import { ZelfscanPage } from './features/zelfscan/ZelfscanPage.tsx';
import { setupI18nForPrerender } from './i18n/index.ts';
import { SESSION_QUERY_KEY } from './session/session.ts';
import { AppShell } from './shell/AppShell.tsx';

/** What the session answers for a visitor who is not signed in (the environment's banners come with the app). */
const SIGNED_OUT: SessionInfo = {
  environment: { demo: false, localMail: false },
  person: null,
  csrfToken: null,
  idleExpiresAt: null,
  expiresAt: null,
};

/**
 * The pages rendered ahead, by the name the server knows them by (src/shared/web-paths.ts), with the
 * module of a page that loads on demand: the build links that module's CSS in the page's first screen.
 */
export const PRERENDERED_PAGES = {
  home: { path: WEB_PATHS.home, lazyModule: null },
  zelfscan: { path: WEB_PATHS.zelfscan, lazyModule: 'features/zelfscan/ZelfscanPage.tsx' },
} as const;

const routes: RouteObject[] = [
  {
    element: <AppShell />,
    children: [
      { path: WEB_PATHS.home, element: <HomePage /> },
      { path: WEB_PATHS.zelfscan, element: <ZelfscanPage /> },
    ],
  },
];

/** The markup of `<div id="root">` for each page. */
export async function renderFirstScreens(): Promise<Record<keyof typeof PRERENDERED_PAGES, string>> {
  await setupI18nForPrerender();
  const handler = createStaticHandler(routes);
  const entries = await Promise.all(
    Object.entries(PRERENDERED_PAGES).map(async ([name, { path: pathname }]) => {
      const context = await handler.query(new Request(`http://prerender${pathname}`));
      if (context instanceof Response) throw new Error(`prerendering ${pathname} answered ${context.status}`);
      const queryClient = new QueryClient();
      queryClient.setQueryData(SESSION_QUERY_KEY, SIGNED_OUT);
      const html = renderToString(
        <QueryClientProvider client={queryClient}>
          <StaticRouterProvider
            router={createStaticRouter(handler.dataRoutes, context)}
            context={context}
            hydrate={false}
          />
        </QueryClientProvider>,
      );
      return [name, html] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<keyof typeof PRERENDERED_PAGES, string>;
}
