import { matchWebPath, type WebPathName } from '../../shared/web-paths.ts';

/**
 * The feature catalogues (locales/<locale>/<file>.json) of the pages anyone may open without signing in.
 * They are built into one small file per language that loads first; the other catalogues, a file per
 * language too, load when a page needs them (vite.config.ts names the files from this list).
 */
export const PUBLIC_TEXT_FILES = ['home', 'package-page', 'search', 'zelfscan', 'legal'];

export type TextScope = 'public' | 'all';

const PUBLIC_PAGES: WebPathName[] = ['home', 'packagePart', 'search', 'zelfscan', 'privacy', 'accessibility'];

/** What a page needs: the public texts, or all of them (signed in, the menu has more; other pages). */
export function textScopeOf(pathname: string, signedIn: boolean): TextScope {
  if (signedIn) return 'all';
  const page = matchWebPath(pathname);
  // An unknown address shows the not-found page, whose texts come with the shell.
  return page === null || PUBLIC_PAGES.includes(page.name) ? 'public' : 'all';
}
