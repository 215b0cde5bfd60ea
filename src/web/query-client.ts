import { QueryClient } from '@tanstack/react-query';

/**
 * The app's one query cache: main.tsx gives it to React, and route loaders (routes.tsx) start a page's
 * data alongside its code and texts, so the page shows complete instead of growing as answers arrive.
 */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
