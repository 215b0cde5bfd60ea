import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { staffRoles } from '../cases/case-types.ts';

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

/**
 * Where someone lands after signing in or activating when no page asked for them: staff with a work
 * queue (confidants, advisors, coordinators, peers, experts) on that queue, everyone else on their account.
 */
export function landingPath(roles: readonly Role[] | undefined): string {
  const staff = staffRoles();
  return roles?.some((role) => staff.includes(role)) ? WEB_PATHS.workQueue : WEB_PATHS.account;
}
