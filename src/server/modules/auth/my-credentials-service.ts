import { and, eq, isNotNull } from 'drizzle-orm';
import type {
  AddPasskeyRequest,
  Credentials,
  PasskeyRegistrationOptions,
  PasswordTotpCompleteRequest,
  PasswordTotpStartRequest,
  RegenerateRecoveryCodesRequest,
  TotpSetupResponse,
} from '../../../shared/auth.ts';
import type { AuditAction } from '../../../shared/catalogue/index.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound, unauthorized } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { findPersonById, type PersonWithRoles } from '../people/repository.ts';
import { endAllSessions } from '../sessions/service.ts';
import {
  countPasskeys,
  hasPasswordTotp,
  listPasskeys,
  lockPerson,
  mustUsePasskey,
  recordCredentialAudit,
  sendCredentialNotice,
} from './credentials.ts';
import { passkeys, passwordCredentials, totpCredentials } from './db.ts';
import type { AuthDeps } from './deps.ts';
import { assertStrongPassword, passwordHasher, personalInputs } from './passwords.ts';
import {
  lastMethod,
  lastPasskey,
  passkeyExists,
  passkeyInvalid,
  passkeyRequired,
  passwordTotpExists,
  totpInvalid,
  totpSetupMissing,
} from './problems.ts';
import { issueRecoveryCodes, remainingRecoveryCodes } from './recovery-codes.ts';
import { checkTotpCode, confirmTotp, loadTotp, startTotpSetup } from './totp.ts';
import { encodeCredential, registrationOptions, verifyRegistration } from './webauthn.ts';

/**
 * My sign-in methods. Every change needs a recent full authentication (step-up; the routes check it),
 * runs in one unit of work with its audit entry, and sends the content-free notice mail after the
 * commit. Ending other sessions: removing a method always ends every other session (the method may
 * belong to a lost or stolen device, and sessions it started must not outlive it); adding a method or
 * new recovery codes ends them when the request asks (`endOtherSessions: true`).
 */

async function me(db: DbOrTx, ctx: ServiceContext): Promise<{ person: PersonWithRoles; sessionId: string }> {
  const actor = ctx.actor;
  if (!actor?.sessionId) throw unauthorized();
  const person = await findPersonById(db, actor.personId);
  if (!person) throw unauthorized();
  return { person, sessionId: actor.sessionId };
}

/** Audit, notice mail and (optionally) other sessions ended: what every change does, in its unit of work. */
async function afterChange(
  w: Work,
  deps: AuthDeps,
  person: PersonWithRoles,
  sessionId: string,
  change: { action: AuditAction; recordType: string; recordId: string; endOtherSessions: boolean },
): Promise<number> {
  await recordCredentialAudit(w, person.id, change.action, change.recordType, change.recordId);
  await sendCredentialNotice(w, deps.keyring, person.email);
  if (!change.endOtherSessions) return 0;
  return endAllSessions(w.tx, w, person.id, 'ended_by_owner', { exceptSessionId: sessionId });
}

export async function listMyCredentials(deps: AuthDeps, ctx: ServiceContext): Promise<Credentials> {
  const db = deps.uow.db;
  const { person } = await me(db, ctx);
  const list = await listPasskeys(db, person.id);
  return {
    passkeys: list.map((passkey) => ({
      id: passkey.id,
      name: passkey.name,
      createdAt: passkey.createdAt.toISOString(),
      lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
    })),
    passwordTotp: await hasPasswordTotp(db, person.id),
    recoveryCodesRemaining: await remainingRecoveryCodes(db, person.id),
    passkeyRequired: mustUsePasskey(person.roles),
  };
}

export async function addPasskeyOptions(deps: AuthDeps, ctx: ServiceContext): Promise<PasskeyRegistrationOptions> {
  const db = deps.uow.db;
  const { person } = await me(db, ctx);
  return registrationOptions(
    db,
    deps.rp,
    { id: person.id, userName: person.email, displayName: person.displayName ?? person.email },
    await listPasskeys(db, person.id),
  );
}

export async function addPasskey(deps: AuthDeps, ctx: ServiceContext, body: AddPasskeyRequest): Promise<number> {
  const { person, sessionId } = await me(deps.uow.db, ctx);
  const credential = await verifyRegistration(deps.uow.db, deps.rp, person.id, body.response);
  if (!credential) throw passkeyInvalid();
  return deps.uow.run(ctx, async (w) => {
    await lockPerson(w.tx, person.id);
    const stored = await w.tx
      .insert(passkeys)
      .values({ ...encodeCredential(credential), personId: person.id, name: body.name })
      .onConflictDoNothing()
      .returning({ id: passkeys.id });
    if (stored.length === 0) throw passkeyExists();
    return afterChange(w, deps, person, sessionId, {
      action: 'auth.passkey_added',
      recordType: 'passkey',
      recordId: credential.id,
      endOtherSessions: body.endOtherSessions ?? false,
    });
  });
}

/** Never the last way to sign in, and never a staff member's last passkey. */
export async function removePasskey(deps: AuthDeps, ctx: ServiceContext, passkeyId: string): Promise<number> {
  const { person, sessionId } = await me(deps.uow.db, ctx);
  return deps.uow.run(ctx, async (w) => {
    await lockPerson(w.tx, person.id);
    const [mine] = await w.tx
      .select({ id: passkeys.id })
      .from(passkeys)
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.personId, person.id)));
    if (!mine) throw notFound();
    const remainingPasskeys = (await countPasskeys(w.tx, person.id)) - 1;
    if (mustUsePasskey(person.roles) && remainingPasskeys < 1) throw lastPasskey();
    if (remainingPasskeys < 1 && !(await hasPasswordTotp(w.tx, person.id))) throw lastMethod();
    await w.tx.delete(passkeys).where(and(eq(passkeys.id, mine.id), eq(passkeys.personId, person.id)));
    return afterChange(w, deps, person, sessionId, {
      action: 'auth.passkey_removed',
      recordType: 'passkey',
      recordId: mine.id,
      endOtherSessions: true,
    });
  });
}

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(
  deps: AuthDeps,
  ctx: ServiceContext,
  body: RegenerateRecoveryCodesRequest,
): Promise<{ recoveryCodes: string[]; endedSessions: number }> {
  const { person, sessionId } = await me(deps.uow.db, ctx);
  return deps.uow.run(ctx, async (w) => {
    await lockPerson(w.tx, person.id);
    const recoveryCodes = await issueRecoveryCodes(w.tx, deps.keyring, person.id);
    const endedSessions = await afterChange(w, deps, person, sessionId, {
      action: 'auth.recovery_codes_issued',
      recordType: 'person',
      recordId: person.id,
      endOtherSessions: body?.endOtherSessions ?? false,
    });
    return { recoveryCodes, endedSessions };
  });
}

/** Checks a new password and starts the authenticator app's set-up (officeholders and relatives). */
export async function startPasswordTotp(
  deps: AuthDeps,
  ctx: ServiceContext,
  body: PasswordTotpStartRequest,
): Promise<TotpSetupResponse> {
  const { person } = await me(deps.uow.db, ctx);
  if (mustUsePasskey(person.roles)) throw passkeyRequired();
  if (await hasPasswordTotp(deps.uow.db, person.id)) throw passwordTotpExists();
  assertStrongPassword(body.password, personalInputs(person));
  const setup = await deps.uow.run(ctx, async (w) => {
    await lockPerson(w.tx, person.id);
    if (await hasPasswordTotp(w.tx, person.id)) return null;
    // Half a method (a password without a confirmed secret, or the reverse) is no method: start clean.
    await w.tx.delete(passwordCredentials).where(eq(passwordCredentials.personId, person.id));
    await w.tx
      .delete(totpCredentials)
      .where(and(eq(totpCredentials.personId, person.id), isNotNull(totpCredentials.confirmedAt)));
    return startTotpSetup(w.tx, deps.keyring, person);
  });
  if (!setup) throw passwordTotpExists();
  return setup;
}

/** Confirms the authenticator code and saves the password. */
export async function completePasswordTotp(
  deps: AuthDeps,
  ctx: ServiceContext,
  body: PasswordTotpCompleteRequest,
): Promise<number> {
  const { person, sessionId } = await me(deps.uow.db, ctx);
  if (mustUsePasskey(person.roles)) throw passkeyRequired();
  const { password, totpCode } = body;
  assertStrongPassword(password, personalInputs(person));
  const pending = await loadTotp(deps.uow.db, deps.keyring, person.id);
  if (pending?.confirmed) throw passwordTotpExists();
  if (!pending) throw totpSetupMissing();
  const step = await checkTotpCode(pending.secret, totpCode, null);
  if (step === null) throw totpInvalid();
  const hash = await passwordHasher.hash(password);
  return deps.uow.run(ctx, async (w) => {
    await lockPerson(w.tx, person.id);
    const current = await loadTotp(w.tx, deps.keyring, person.id);
    if (current?.secret !== pending.secret || !(await confirmTotp(w.tx, person.id, step))) {
      throw totpSetupMissing();
    }
    await w.tx
      .insert(passwordCredentials)
      .values({ personId: person.id, hash })
      .onConflictDoUpdate({ target: passwordCredentials.personId, set: { hash, createdAt: new Date() } });
    return afterChange(w, deps, person, sessionId, {
      action: 'auth.password_totp_added',
      recordType: 'person',
      recordId: person.id,
      endOtherSessions: body.endOtherSessions ?? false,
    });
  });
}

/** Removes password + authenticator app; never the last way to sign in. */
export async function removePasswordTotp(deps: AuthDeps, ctx: ServiceContext): Promise<number> {
  const { person, sessionId } = await me(deps.uow.db, ctx);
  return deps.uow.run(ctx, async (w) => {
    await lockPerson(w.tx, person.id);
    if (!(await hasPasswordTotp(w.tx, person.id))) throw notFound();
    if ((await countPasskeys(w.tx, person.id)) < 1) throw lastMethod();
    await w.tx.delete(passwordCredentials).where(eq(passwordCredentials.personId, person.id));
    await w.tx.delete(totpCredentials).where(eq(totpCredentials.personId, person.id));
    return afterChange(w, deps, person, sessionId, {
      action: 'auth.password_totp_removed',
      recordType: 'person',
      recordId: person.id,
      endOtherSessions: true,
    });
  });
}
