import type {
  ActivationInspect,
  ActivationPasskeyVerifyRequest,
  ActivationPasswordCompleteRequest,
  ActivationPasswordStartRequest,
  PasskeyRegistrationOptions,
  TotpSetupResponse,
} from '../../../shared/auth.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest } from '../../lib/errors.ts';
import { emailTaken } from '../people/admin-service.ts';
import { consumeInvitation, findUsableInvitation, type UsableInvitation } from '../people/invitations.ts';
import { findPersonByEmail, findPersonById, isUniqueViolation, normaliseEmail } from '../people/repository.ts';
import { startSession } from '../sessions/service.ts';
import { mustUsePasskey, recordCredentialAudit, sendCredentialNotice } from './credentials.ts';
import { passkeys, passwordCredentials } from './db.ts';
import type { AuthClient, AuthDeps } from './deps.ts';
import { assertStrongPassword, passwordHasher, personalInputs } from './passwords.ts';
import {
  invitationInvalid,
  passkeyExists,
  passkeyInvalid,
  passkeyRequired,
  totpInvalid,
  totpSetupMissing,
} from './problems.ts';
import { issueRecoveryCodes } from './recovery-codes.ts';
import type { StartedSession } from './sign-in-service.ts';
import { checkTotpCode, confirmTotp, loadTotp, startTotpSetup } from './totp.ts';
import { encodeCredential, registrationOptions, verifyRegistration } from './webauthn.ts';

/**
 * Activating an account with an invitation: with a passkey (everyone; required for staff, admins and the
 * first admin's setup link), or with password + authenticator app (officeholders and relatives). The
 * activation, the first method, the recovery codes, the notice mail and the first session are one unit
 * of work; the route sets the cookie.
 */

export interface Activated {
  recoveryCodes: string[];
  session: StartedSession;
}

/** Activation acts as the invited person: audit entries name them, not whoever else may be signed in. */
function activationContext(ctx: ServiceContext, invitation: UsableInvitation): ServiceContext {
  return { ...ctx, actor: { personId: invitation.person.id, roles: invitation.person.roles } };
}

function passkeyRequiredFor(invitation: UsableInvitation): boolean {
  return invitation.kind === 'setup' || mustUsePasskey(invitation.person.roles);
}

async function usableInvitation(db: DbOrTx, token: string): Promise<UsableInvitation> {
  const invitation = await findUsableInvitation(db, token);
  if (!invitation) throw invitationInvalid();
  return invitation;
}

/**
 * The e-mail address the account will have: the invited one for `invite`; the one given for `setup`
 * (the first admin), which must not belong to anyone else.
 */
async function checkedEmail(
  db: DbOrTx,
  invitation: UsableInvitation,
  given: string | undefined,
): Promise<string | undefined> {
  if (invitation.kind === 'invite') {
    if (given !== undefined) {
      throw badRequest('email_not_allowed', 'This invitation is for a known e-mail address.', [
        { field: 'body/email', code: 'email_not_allowed', message: 'Not expected for this invitation.' },
      ]);
    }
    return undefined;
  }
  if (given === undefined) {
    throw badRequest('email_required', 'Give the e-mail address for this account.', [
      { field: 'body/email', code: 'email_required', message: 'Required for this invitation.' },
    ]);
  }
  const email = normaliseEmail(given);
  const owner = await findPersonByEmail(db, email);
  if (owner && owner.id !== invitation.person.id) throw emailTaken();
  return email;
}

/** What an activation link is for. */
export async function inspectInvitation(deps: AuthDeps, token: string): Promise<ActivationInspect> {
  const invitation = await usableInvitation(deps.uow.db, token);
  return {
    email: invitation.kind === 'setup' ? null : invitation.person.email,
    displayName: invitation.person.displayName,
    kind: invitation.kind,
    roles: invitation.person.roles,
    passkeyRequired: passkeyRequiredFor(invitation),
    expiresAt: invitation.expiresAt.toISOString(),
    invitedBy: await relativeInviter(deps.uow.db, invitation),
  };
}

/**
 * Who invited a relative, for the activation page: the officeholder they are linked to. Only the holder
 * of a usable link learns it, and only what the invitation is about (a name and an office); the mail
 * itself says no more than that someone who uses Weerbaar sent it (texts/mail.ts).
 */
async function relativeInviter(db: DbOrTx, invitation: UsableInvitation): Promise<ActivationInspect['invitedBy']> {
  const officeholderId = invitation.person.linkedOfficeholderId;
  if (!officeholderId || !invitation.person.roles.includes('relative')) return null;
  const officeholder = await findPersonById(db, officeholderId);
  if (officeholder?.status !== 'active') return null;
  return { displayName: officeholder.displayName, office: officeholder.office };
}

export async function activatePasskeyOptions(deps: AuthDeps, token: string): Promise<PasskeyRegistrationOptions> {
  const invitation = await usableInvitation(deps.uow.db, token);
  const person = invitation.person;
  const label = invitation.kind === 'setup' ? 'Weerbaar beheer' : person.email;
  return registrationOptions(
    deps.uow.db,
    deps.rp,
    { id: person.id, userName: label, displayName: person.displayName ?? label },
    [],
  );
}

export async function activateWithPasskey(
  deps: AuthDeps,
  ctx: ServiceContext,
  client: AuthClient,
  body: ActivationPasskeyVerifyRequest,
): Promise<Activated> {
  const { token, displayName, response, passkeyName } = body;
  const db = deps.uow.db;
  const invitation = await usableInvitation(db, token);
  const email = await checkedEmail(db, invitation, body.email);
  const credential = await verifyRegistration(db, deps.rp, invitation.person.id, response);
  if (!credential) throw passkeyInvalid();
  const personId = invitation.person.id;
  try {
    return await deps.uow.run(activationContext(ctx, invitation), async (w) => {
      if (!(await consumeInvitation(w, invitation, { displayName, ...(email ? { email } : {}) }))) {
        throw invitationInvalid();
      }
      const stored = await w.tx
        .insert(passkeys)
        .values({ ...encodeCredential(credential), personId, name: passkeyName ?? 'Passkey' })
        .onConflictDoNothing()
        .returning({ id: passkeys.id });
      if (stored.length === 0) throw passkeyExists();
      await recordCredentialAudit(w, personId, 'auth.passkey_added', 'passkey', credential.id);
      const recoveryCodes = await issueRecoveryCodes(w.tx, deps.keyring, personId);
      await recordCredentialAudit(w, personId, 'auth.recovery_codes_issued', 'person', personId);
      await sendCredentialNotice(w, deps.keyring, email ?? invitation.person.email);
      const session = await startSession(w, deps.config, client, personId, 'activation');
      return { recoveryCodes, session };
    });
  } catch (error) {
    // The address given for the setup link was taken meanwhile: the unique index decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** Checks the chosen password and starts the authenticator app's set-up (officeholders and relatives). */
export async function startPasswordActivation(
  deps: AuthDeps,
  body: ActivationPasswordStartRequest,
): Promise<TotpSetupResponse> {
  const invitation = await usableInvitation(deps.uow.db, body.token);
  if (passkeyRequiredFor(invitation)) throw passkeyRequired();
  assertStrongPassword(body.password, personalInputs(invitation.person));
  const setup = await startTotpSetup(deps.uow.db, deps.keyring, invitation.person);
  // A confirmed secret on a person not yet active cannot happen through these routes.
  if (!setup) throw invitationInvalid();
  return setup;
}

export async function activateWithPassword(
  deps: AuthDeps,
  ctx: ServiceContext,
  client: AuthClient,
  body: ActivationPasswordCompleteRequest,
): Promise<Activated> {
  const { token, displayName, password, totpCode } = body;
  const db = deps.uow.db;
  const invitation = await usableInvitation(db, token);
  if (passkeyRequiredFor(invitation)) throw passkeyRequired();
  await checkedEmail(db, invitation, body.email);
  const personId = invitation.person.id;
  assertStrongPassword(password, personalInputs({ email: invitation.person.email, displayName }));
  const pending = await loadTotp(db, deps.keyring, personId);
  if (!pending || pending.confirmed) throw totpSetupMissing();
  const step = await checkTotpCode(pending.secret, totpCode, null);
  if (step === null) throw totpInvalid();
  const hash = await passwordHasher.hash(password);
  return deps.uow.run(activationContext(ctx, invitation), async (w) => {
    if (!(await consumeInvitation(w, invitation, { displayName }))) throw invitationInvalid();
    // The secret must still be the one the code was checked against (a second start may have replaced it).
    const current = await loadTotp(w.tx, deps.keyring, personId);
    if (current?.secret !== pending.secret || !(await confirmTotp(w.tx, personId, step))) {
      throw totpSetupMissing();
    }
    await w.tx.insert(passwordCredentials).values({ personId, hash });
    await recordCredentialAudit(w, personId, 'auth.password_totp_added', 'person', personId);
    const recoveryCodes = await issueRecoveryCodes(w.tx, deps.keyring, personId);
    await recordCredentialAudit(w, personId, 'auth.recovery_codes_issued', 'person', personId);
    await sendCredentialNotice(w, deps.keyring, invitation.person.email);
    const session = await startSession(w, deps.config, client, personId, 'activation');
    return { recoveryCodes, session };
  });
}
