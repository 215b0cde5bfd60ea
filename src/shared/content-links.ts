import { matchWebPath } from './web-paths.ts';

/**
 * Where a link in content (package pages, zelfscan tips) may point: a page of Weerbaar that exists,
 * an https address, a phone number or an e-mail address. Anything else (javascript:, http:, data:,
 * relative paths) is refused when content is loaded, and rendered as plain text if it ever slips through.
 */
export type LinkTarget =
  | { kind: 'internal'; path: string }
  | { kind: 'external'; url: string }
  | { kind: 'tel'; number: string }
  | { kind: 'mailto'; address: string };

export interface KnownContent {
  /** Slugs of the package parts, so /pakket/<slug> can be checked. */
  packageSlugs: readonly string[];
}

const MAX_HREF_LENGTH = 500;
const PHONE = /^\+?[0-9]{3,15}$/;
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63}){1,5}$/;

/** True when the path is a page of the app, and for package parts, a part that exists. */
export function isKnownInternalPath(path: string, known: KnownContent): boolean {
  const match = matchWebPath(path);
  if (!match) return false;
  if (match.name === 'packagePart') return known.packageSlugs.includes(match.params.slug ?? '');
  return true;
}

/** The link's target when it is allowed, else null. `known` undefined: any page path of the app is accepted. */
export function classifyLink(href: string, known?: KnownContent): LinkTarget | null {
  if (href.length === 0 || href.length > MAX_HREF_LENGTH) return null;
  if (href.startsWith('/') && !href.startsWith('//')) {
    // Plain paths only: no query, fragment, escapes, dot segments or backslashes.
    const segments = href === '/' ? [] : href.slice(1).split('/');
    if (!segments.every((segment) => /^[a-z0-9-]+$/.test(segment))) return null;
    const exists = known ? isKnownInternalPath(href, known) : matchWebPath(href) !== null;
    return exists ? { kind: 'internal', path: href } : null;
  }
  if (href.startsWith('tel:')) {
    const number = href.slice('tel:'.length);
    return PHONE.test(number) ? { kind: 'tel', number } : null;
  }
  if (href.startsWith('mailto:')) {
    const address = href.slice('mailto:'.length);
    return EMAIL.test(address) ? { kind: 'mailto', address } : null;
  }
  if (!href.startsWith('https://')) return null;
  try {
    const url = new URL(href);
    if (url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) return null;
    return { kind: 'external', url: url.toString() };
  } catch {
    return null;
  }
}
