import type { RateLimitOptions } from '@fastify/rate-limit';

/**
 * Second layer behind the per-account/per-IP throttle (throttle.ts): a plain request cap per IP address
 * and route on the public sign-in and activation routes, so automated volume is cut off before any
 * database or argon2 work. 20 a minute leaves room for a person retrying and for a shared address.
 */
export const AUTH_RATE_LIMIT: RateLimitOptions = { max: 20, timeWindow: 60_000 };
