import type { Role } from '../../../shared/roles.ts';
import type { Config } from '../../config.ts';

/** Officeholders and relatives are "members"; everybody else works with case data and is staff. */
const MEMBER_ROLES: readonly Role[] = ['officeholder', 'relative'];

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => !MEMBER_ROLES.includes(role));
}

/** Staff sessions lapse sooner: they can open other people's cases. Someone holding both gets the stricter one. */
export function idleTimeoutMs(roles: readonly Role[], config: Config): number {
  const minutes = isStaff(roles) ? config.SESSION_IDLE_MINUTES_STAFF : config.SESSION_IDLE_MINUTES_MEMBER;
  return minutes * 60_000;
}

export function absoluteLifetimeMs(config: Config): number {
  return config.SESSION_ABSOLUTE_HOURS * 3_600_000;
}
