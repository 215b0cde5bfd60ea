import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { queryClient } from '../../query-client.ts';
import { packagePartQuery } from './data.ts';

/** A page per part of the package, and search across all of them; each loads on demand (Markdown, forms). */
export const packageRoutes: RouteObject[] = [
  {
    path: WEB_PATHS.packagePart,
    // The part's text loads alongside the page's code; the page shows once (a failure it shows itself).
    loader: async ({ params }) => {
      await queryClient.prefetchQuery(packagePartQuery(params.slug ?? ''));
      return null;
    },
    lazy: async () => ({ Component: (await import('./PartPage.tsx')).PartPage }),
  },
  {
    path: WEB_PATHS.search,
    lazy: async () => ({ Component: (await import('../search/SearchPage.tsx')).SearchPage }),
  },
];
