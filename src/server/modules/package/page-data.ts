import type { WebPathName } from '../../../shared/web-paths.ts';

/**
 * What the package's pages read first (routes.ts; public and cacheable), for the web app to name as
 * preloads in the page it serves (plugins/web-app.ts): the home page lists the parts, a part page shows one.
 */
export const packagePageData: Partial<Record<WebPathName, (params: Record<string, string>) => string[]>> = {
  home: () => ['/api/package/parts'],
  packagePart: ({ slug = '' }) => [`/api/package/parts/${encodeURIComponent(slug)}`],
};
