import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { SearchPage } from '../search/SearchPage.tsx';
import { PartPage } from './PartPage.tsx';

/** A page per part of the package, and search across all of them. */
export const packageRoutes: RouteObject[] = [
  { path: WEB_PATHS.packagePart, element: <PartPage /> },
  { path: WEB_PATHS.search, element: <SearchPage /> },
];
