/**
 * The web app's pages, shared by the router in the browser and the server, which answers 404 for any
 * other path (still with the app, so it can show a friendly page). Dutch slugs, English identifiers.
 */
export const WEB_PATHS = {
  home: '/',
  privacy: '/privacyverklaring',
  accessibility: '/toegankelijkheidsverklaring',
} as const;

export type WebPathName = keyof typeof WEB_PATHS;

const patterns = Object.values(WEB_PATHS).map((path) => path.split('/').filter(Boolean));

/** True when the path is one of the app's pages; `:name` segments match any single segment. */
export function isWebPath(path: string): boolean {
  const segments = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  return patterns.some(
    (pattern) =>
      pattern.length === segments.length &&
      pattern.every((part, index) => part.startsWith(':') || part === decodeURIComponent(segments[index] ?? '')),
  );
}
