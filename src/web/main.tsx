// Before anything that could load zod.
import './zod-settings.ts';
// Styles in cascade order: the house form and page styles used everywhere (src/web/ui), the Utrecht
// components in use, the NL Design System tokens (only those in use: vite.config.ts), the house theme and
// layout; each page's own CSS comes with its code, after these.
import './ui/forms.css';
import './theme/utrecht.ts';
import '@utrecht/design-tokens/dist/index.css';
import './theme/weerbaar-theme.css';
import './theme/layout.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { loadTexts, setupI18n } from './i18n/index.ts';
import { textScopeOf } from './i18n/text-groups.ts';
import { queryClient } from './query-client.ts';
import { router } from './routes.tsx';
import { prefetchSession, SESSION_QUERY_KEY } from './session/session.ts';
import { FIRST_SCREEN_MARK } from './shell/first-screen-mark.ts';
import { trackRouterReady } from './shell/page-ready.ts';

// The shell renders at once; the page texts of the chosen language load meanwhile (src/web/i18n): those
// of the public pages, or all of them for another page (a signed-in visitor's menu asks for the rest).
setupI18n(textScopeOf(window.location.pathname, false));
prefetchSession(queryClient);
trackRouterReady(router);
const root = document.getElementById('root');
if (root) {
  const app = (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>
  );
  if (root.hasAttribute(FIRST_SCREEN_MARK)) {
    // A page that came with its first screen (src/web/prerender.tsx) keeps it until the app can show it
    // complete: the code for that loads on demand, as only such a page needs it.
    const loadPageTexts = (signedIn: boolean) => loadTexts(textScopeOf(window.location.pathname, signedIn));
    void import('./shell/prerendered.ts').then(async ({ keepFocusAcrossTakeOver, whenAppCanTakeOver }) => {
      await whenAppCanTakeOver({ router, queryClient, sessionKey: SESSION_QUERY_KEY, loadPageTexts });
      const reactRoot = createRoot(root);
      keepFocusAcrossTakeOver(root, FIRST_SCREEN_MARK);
      // The page is readable meanwhile: React renders it in slices (a transition), not in one long task.
      startTransition(() => reactRoot.render(app));
    });
  } else {
    createRoot(root).render(app);
  }
}
