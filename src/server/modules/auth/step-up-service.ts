import { eq } from 'drizzle-orm';
import type {
  PasskeyAuthenticationOptions,
  PasskeyAuthenticationResponse,
  StepUpPasswordRequest,
} from '../../../shared/auth.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { unauthorized } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import { findPersonById } from '../people/repository.ts';
import { markReauthenticated } from '../sessions/service.ts';
import { listPasskeys, sendCredentialNotice } from './credentials.ts';
import { passkeys } from './db.ts';
import type { AuthDeps } from './deps.ts';
import { attemptPassword, recordFailedAttempt } from './password-attempt.ts';
import { stepUpFailed } from './problems.ts';
import type { StartedSession } from './sign-in-service.ts';
import { assertNotThrottled, clearThrottle, secondFactorKey, throttleKeys } from './throttle.ts';
import { authenticationOptions, verifyAssertion } from './webauthn.ts';

/**
 * Step-up: a fresh full authentication inside the session, before the most sensitive changes. The
 * session keeps its id but gets a new token (the route sets the new cookie and answers the new CSRF token).
 */

function sessionActor(ctx: ServiceContext): { personId: string; sessionId: string } {
  const actor = ctx.actor;
  if (!actor?.sessionId) throw unauthorized();
  return { personId: actor.personId, sessionId: actor.sessionId };
}

export async function stepUpPasskeyOptions(deps: AuthDeps, ctx: ServiceContext): Promise<PasskeyAuthenticationOptions> {
  const actor = sessionActor(ctx);
  const db = deps.uow.db;
  return authenticationOptions(db, deps.rp, actor.personId, await listPasskeys(db, actor.personId));
}

export async function stepUpWithPasskey(
  deps: AuthDeps,
  ctx: ServiceContext,
  response: PasskeyAuthenticationResponse,
): Promise<StartedSession> {
  const actor = sessionActor(ctx);
  const { ok } = await verifyAssertion(deps.uow.db, deps.rp, actor.personId, response);
  if (!ok) {
    await deps.uow.run(ctx, (w) =>
      recordAudit(w.tx, w, {
        action: 'session.reauthentication_failed',
        outcome: 'failure',
        subjectPersonId: actor.personId,
        recordType: 'session',
        recordId: actor.sessionId,
        details: { method: 'passkey' },
      }),
    );
    throw stepUpFailed();
  }
  return deps.uow.run(ctx, async (w) => {
    await w.tx
      .update(passkeys)
      .set({ counter: ok.newCounter, lastUsedAt: new Date() })
      .where(eq(passkeys.id, ok.passkey.id));
    return markReauthenticated(w.tx, w, actor.sessionId, actor.personId);
  });
}

export async function stepUpWithPassword(
  deps: AuthDeps,
  ctx: ServiceContext,
  client: { ip: string; deviceCookie: string | undefined },
  body: StepUpPasswordRequest,
): Promise<StartedSession> {
  const actor = sessionActor(ctx);
  const db = deps.uow.db;
  const [row] = await db.select({ email: people.email }).from(people).where(eq(people.id, actor.personId));
  if (!row) throw unauthorized();
  const keys = throttleKeys(deps.keyring, row.email, client.ip, client.deviceCookie);
  await assertNotThrottled(db, [keys.account, keys.ip]);
  const person = await findPersonById(db, actor.personId);
  const { outcome, commit } = await attemptPassword(deps, person, body, keys.device);
  if (outcome.ok) {
    const committed = await commit(ctx, async (w) => {
      if (outcome.usedRecoveryCode) {
        await recordAudit(w.tx, w, {
          action: 'auth.recovery_code_used',
          subjectPersonId: actor.personId,
          recordType: 'person',
          recordId: actor.personId,
        });
        await sendCredentialNotice(w, deps.keyring, outcome.person.email);
      }
      return markReauthenticated(w.tx, w, actor.sessionId, actor.personId);
    });
    if (committed) {
      await clearThrottle(db, [keys.account, secondFactorKey(deps.keyring, actor.personId, keys.device)]);
      return committed.value;
    }
  }
  await recordFailedAttempt(
    deps,
    ctx,
    keys,
    outcome.ok ? { person: outcome.person, reason: 'code_reused', passwordRight: true } : outcome,
    'session.reauthentication_failed',
    'password',
  );
  throw stepUpFailed();
}
