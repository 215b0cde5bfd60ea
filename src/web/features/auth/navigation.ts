import { WEB_PATHS } from '../../../shared/web-paths.ts';

/** Messages the sign-in page shows after being sent there. */
export type SignInNotice = 'signedOut' | 'signedOutEverywhere' | 'expired' | 'signInRequired' | 'accountDeleted';

export interface SignInState {
  notice?: SignInNotice;
}

/**
 * The page to return to after signing in, only when it is one of our own paths (no open redirect
 * through `?volgende=`), and never the sign-in or activation page itself.
 */
export function safeNext(value: string | null): string | null {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  const path = value.split(/[?#]/)[0] ?? '';
  if (path === WEB_PATHS.signIn || path === WEB_PATHS.activate) return null;
  return value;
}

/** The sign-in page that comes back to `next` afterwards. */
export function signInPath(next?: string | null): string {
  const safe = safeNext(next ?? null);
  return safe ? `${WEB_PATHS.signIn}?volgende=${encodeURIComponent(safe)}` : WEB_PATHS.signIn;
}
