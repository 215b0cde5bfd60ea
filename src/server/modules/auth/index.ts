import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activationRoutes } from './activation-routes.ts';
import { meCredentialRoutes } from './me-routes.ts';
import { oidcRoutes } from './oidc-routes.ts';
import { signInRoutes } from './sign-in-routes.ts';

/**
 * Activation, sign-in, step-up and "my sign-in methods". The request cap of @fastify/rate-limit applies
 * to the routes here that ask for it (config.rateLimit), counted in the database across every instance
 * (modules/rate-limit).
 *
 * Design in short (details next to the code):
 * - Methods: passkeys for everyone (required for staff and admins: any role besides officeholder and
 *   relative); password + TOTP as an alternative for officeholders and relatives. E-mail is never a factor.
 * - Passwords: 12–128 characters, no composition rules, zxcvbn score ≥ 3 with the person's e-mail and name
 *   counted against it; argon2id m=19456 t=2 p=1 (passwords.ts).
 * - TOTP: 160-bit secret, encrypted at rest under `["totp_credentials","secret",personId]`; 30 s steps,
 *   ±1 step of server time; every code accepted once (`lastUsedStep`, updated atomically) (totp.ts).
 * - Recovery codes: ten `xxxx-xxxx-xxxx` codes (Crockford base-32, 60 bits each), shown once, stored as
 *   HMAC-SHA-256 under the keyring's index secret, bound to the person; single use (recovery-codes.ts).
 * - WebAuthn: rpID = PUBLIC_URL host, origin = PUBLIC_URL origin, user verification required, resident
 *   keys, attestation none; challenges stored for 5 minutes, bound to purpose and person, used once.
 * - Guessing: per-account and per-IP back-off and a second-factor limit (throttle.ts), plus a request cap
 *   of 20 per minute per IP and route (rate-limit.ts). Every failure answers the same 401 and does the
 *   same work (argon2 against a dummy hash when there is no password); every attempt is audited.
 * - Changes: need a step-up (STEP_UP_MINUTES), are audited in the same transaction, and queue a notice
 *   mail without any detail. Removing a method always ends every other session; adding one or new
 *   recovery codes does so on request (`endOtherSessions: true`). Using a recovery code also sends the notice.
 * - Every sign-in starts a new session and ends the one the request came with.
 * - Staff may also sign in with their organisation's OpenID Connect provider when OIDC_* is configured
 *   (oidc-client.ts, oidc-service.ts): existing staff accounts only, MFA claim required, admins refused.
 */
export const authModule: FastifyPluginAsyncZod = async (app) => {
  await app.register(activationRoutes);
  await app.register(signInRoutes);
  await app.register(oidcRoutes);
  await app.register(meCredentialRoutes);
};
