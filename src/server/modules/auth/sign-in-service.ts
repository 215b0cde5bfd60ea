import { eq } from 'drizzle-orm';
import type {
  PasskeyAuthenticationOptions,
  PasskeyAuthenticationResponse,
  SignInPasswordRequest,
} from '../../../shared/auth.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { recordAudit } from '../audit/service.ts';
import { findPersonByEmail, findPersonById } from '../people/repository.ts';
import { startSession } from '../sessions/service.ts';
import { sendCredentialNotice } from './credentials.ts';
import { passkeys } from './db.ts';
import type { AuthClient, AuthDeps } from './deps.ts';
import { rememberDevice } from './device.ts';
import { attemptPassword, recordFailedAttempt } from './password-attempt.ts';
import { signInFailed } from './problems.ts';
import { assertNotThrottled, clearThrottle, secondFactorKey, throttleKeys } from './throttle.ts';
import { authenticationOptions, verifyAssertion } from './webauthn.ts';

/**
 * Signing in: with a passkey (discoverable, no e-mail asked), or with e-mail, password and an
 * authenticator or recovery code. Every sign-in starts a new session and ends the one the request came
 * with; every failure answers the same 401 and is audited. The route sets the cookie.
 */

export type StartedSession = { token: string; expiresAt: Date };
/** A sign-in's session, and the device cookie's new value: this browser is now known for the account. */
export type SignedIn = StartedSession & { deviceCookie: string };

export function passkeySignInOptions(deps: AuthDeps): Promise<PasskeyAuthenticationOptions> {
  return authenticationOptions(deps.uow.db, deps.rp, null, []);
}

export async function signInWithPasskey(
  deps: AuthDeps,
  ctx: ServiceContext,
  client: AuthClient,
  response: PasskeyAuthenticationResponse,
): Promise<SignedIn> {
  const db = deps.uow.db;
  const { ok, passkey } = await verifyAssertion(db, deps.rp, null, response);
  const person = passkey ? await findPersonById(db, passkey.personId) : null;
  if (!ok || !person || person.status !== 'active') {
    await deps.uow.run(ctx, (w) =>
      recordAudit(w.tx, w, {
        action: 'session.sign_in_failed',
        outcome: 'failure',
        actorPersonId: null,
        subjectPersonId: person?.id ?? null,
        recordType: 'person',
        ...(person ? { recordId: person.id } : {}),
        details: { method: 'passkey', reason: !passkey ? 'unknown_passkey' : !ok ? 'not_verified' : 'inactive' },
      }),
    );
    throw signInFailed();
  }
  const session = await deps.uow.run(ctx, async (w) => {
    await w.tx
      .update(passkeys)
      .set({ counter: ok.newCounter, lastUsedAt: new Date() })
      .where(eq(passkeys.id, ok.passkey.id));
    return startSession(w, deps.config, client, person.id, 'passkey');
  });
  await clearThrottle(db, [throttleKeys(deps.keyring, person.email, client.ip, client.deviceCookie).account]);
  return { ...session, deviceCookie: rememberDevice(deps.keyring, client.deviceCookie, person.email) };
}

export async function signInWithPassword(
  deps: AuthDeps,
  ctx: ServiceContext,
  client: AuthClient,
  body: SignInPasswordRequest,
): Promise<SignedIn> {
  const db = deps.uow.db;
  const keys = throttleKeys(deps.keyring, body.email, client.ip, client.deviceCookie);
  await assertNotThrottled(db, [keys.account, keys.ip]);
  const person = await findPersonByEmail(db, body.email);
  const { outcome, commit } = await attemptPassword(deps, person, body, keys.device);
  if (!outcome.ok) {
    await recordFailedAttempt(deps, ctx, keys, outcome, 'session.sign_in_failed', 'password');
    throw signInFailed();
  }
  const committed = await commit(ctx, async (w) => {
    if (outcome.usedRecoveryCode) {
      await recordAudit(w.tx, w, {
        action: 'auth.recovery_code_used',
        actorPersonId: outcome.person.id,
        subjectPersonId: outcome.person.id,
        recordType: 'person',
        recordId: outcome.person.id,
      });
      await sendCredentialNotice(w, deps.keyring, outcome.person.email);
    }
    return startSession(w, deps.config, client, outcome.person.id, outcome.method);
  });
  if (!committed) {
    // The code was used meanwhile (a second request with the same code): a failure like any other.
    await recordFailedAttempt(
      deps,
      ctx,
      keys,
      { person: outcome.person, reason: 'code_reused', passwordRight: true },
      'session.sign_in_failed',
      'password',
    );
    throw signInFailed();
  }
  await clearThrottle(db, [keys.account, secondFactorKey(deps.keyring, outcome.person.id, keys.device)]);
  return { ...committed.value, deviceCookie: rememberDevice(deps.keyring, client.deviceCookie, outcome.person.email) };
}
