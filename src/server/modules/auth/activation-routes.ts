import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  activationInspectRequestSchema,
  activationInspectResponseSchema,
  activationPasskeyOptionsRequestSchema,
  activationPasskeyVerifyRequestSchema,
  activationPasswordCompleteRequestSchema,
  activationPasswordStartRequestSchema,
  passkeyRegistrationOptionsSchema,
  recoveryCodesResponseSchema,
  totpSetupResponseSchema,
} from '../../../shared/auth.ts';
import { contextOf, type ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import { consumeInvitation, findUsableInvitation, type UsableInvitation } from '../people/invitations.ts';
import { findPersonByEmail, normaliseEmail } from '../people/repository.ts';
import { passkeys, passwordCredentials } from './db.ts';
import { assertStrongPassword, passwordHasher, personalInputs } from './passwords.ts';
import { AUTH_RATE_LIMIT } from './rate-limit.ts';
import { issueRecoveryCodes } from './recovery-codes.ts';
import {
  invitationInvalid,
  isUniqueViolation,
  mustUsePasskey,
  passkeyInvalid,
  passkeyRequired,
  queueCredentialNotice,
  recordCredentialAudit,
  setCookieFor,
  startSession,
  totpInvalid,
  totpSetupMissing,
} from './service.ts';
import { checkTotpCode, confirmTotp, loadTotp, startTotpSetup } from './totp.ts';
import { encodeCredential, registrationOptions, relyingParty, verifyRegistration } from './webauthn.ts';

const emailTaken = () => conflict('email_taken', 'Another account already uses this e-mail address.');

/** Activation acts as the invited person: audit entries name them, not whoever else may be signed in. */
function activationContext(request: FastifyRequest, invitation: UsableInvitation): ServiceContext {
  return { ...contextOf(request), actor: { personId: invitation.person.id, roles: invitation.person.roles } };
}

function passkeyRequiredFor(invitation: UsableInvitation): boolean {
  return invitation.kind === 'setup' || mustUsePasskey(invitation.person.roles);
}

/**
 * The e-mail address the account will have: the invited one for `invite`; the one given for `setup`
 * (the first admin), which must not belong to anyone else.
 */
async function checkedEmail(
  request: FastifyRequest,
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
  const owner = await findPersonByEmail(request.server.db, email);
  if (owner && owner.id !== invitation.person.id) throw emailTaken();
  return email;
}

export const activationRoutes: FastifyPluginAsyncZod = async (app) => {
  const rp = relyingParty(app.config);

  async function usableInvitation(token: string): Promise<UsableInvitation> {
    const invitation = await findUsableInvitation(app.db, token);
    if (!invitation) throw invitationInvalid();
    return invitation;
  }

  app.post(
    '/api/activation/inspect',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'What an activation link is for',
        body: activationInspectRequestSchema,
        response: { 200: activationInspectResponseSchema },
      },
    },
    async (request) => {
      const invitation = await usableInvitation(request.body.token);
      return {
        email: invitation.kind === 'setup' ? null : invitation.person.email,
        displayName: invitation.person.displayName,
        kind: invitation.kind,
        roles: invitation.person.roles,
        passkeyRequired: passkeyRequiredFor(invitation),
        expiresAt: invitation.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/activation/passkey/options',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'Options for creating the first passkey',
        body: activationPasskeyOptionsRequestSchema,
        response: { 200: passkeyRegistrationOptionsSchema },
      },
    },
    async (request) => {
      const invitation = await usableInvitation(request.body.token);
      const person = invitation.person;
      const label = invitation.kind === 'setup' ? 'Weerbaar beheer' : person.email;
      return registrationOptions(
        app.db,
        rp,
        { id: person.id, userName: label, displayName: person.displayName ?? label },
        [],
      );
    },
  );

  app.post(
    '/api/activation/passkey/verify',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'Activate the account with a passkey; signs in and answers the recovery codes',
        body: activationPasskeyVerifyRequestSchema,
        response: { 200: recoveryCodesResponseSchema },
      },
    },
    async (request, reply) => {
      const { token, displayName, response, passkeyName } = request.body;
      const invitation = await usableInvitation(token);
      const email = await checkedEmail(request, invitation, request.body.email);
      const credential = await verifyRegistration(app.db, rp, invitation.person.id, response);
      if (!credential) throw passkeyInvalid();
      const ctx = activationContext(request, invitation);
      const personId = invitation.person.id;
      const result = await app.db
        .transaction(async (tx) => {
          if (!(await consumeInvitation(tx, ctx, invitation, { displayName, ...(email ? { email } : {}) }))) {
            throw invitationInvalid();
          }
          const stored = await tx
            .insert(passkeys)
            .values({ ...encodeCredential(credential), personId, name: passkeyName ?? 'Passkey' })
            .onConflictDoNothing()
            .returning({ id: passkeys.id });
          if (stored.length === 0) throw conflict('passkey_exists', 'This passkey is already registered.');
          await recordCredentialAudit(tx, ctx, personId, 'auth.passkey_added', 'passkey', credential.id);
          const recoveryCodes = await issueRecoveryCodes(tx, app.keyring, personId);
          await recordCredentialAudit(tx, ctx, personId, 'auth.recovery_codes_issued', 'person', personId);
          await queueCredentialNotice(tx, app.keyring, email ?? invitation.person.email);
          const session = await startSession(tx, ctx, request, personId, 'activation');
          return { recoveryCodes, session };
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw emailTaken();
          throw error;
        });
      await app.mail.flush();
      setCookieFor(app, reply, result.session);
      return { recoveryCodes: result.recoveryCodes };
    },
  );

  app.post(
    '/api/activation/password/start',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'Check the chosen password and set up an authenticator app (officeholders and relatives)',
        body: activationPasswordStartRequestSchema,
        response: { 200: totpSetupResponseSchema },
      },
    },
    async (request) => {
      const invitation = await usableInvitation(request.body.token);
      if (passkeyRequiredFor(invitation)) throw passkeyRequired();
      assertStrongPassword(request.body.password, personalInputs(invitation.person));
      const setup = await startTotpSetup(app.db, app.keyring, invitation.person);
      // A confirmed secret on a person not yet active cannot happen through these routes.
      if (!setup) throw invitationInvalid();
      return setup;
    },
  );

  app.post(
    '/api/activation/password/complete',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['activation'],
        summary: 'Activate the account with password + authenticator code; signs in and answers the recovery codes',
        body: activationPasswordCompleteRequestSchema,
        response: { 200: recoveryCodesResponseSchema },
      },
    },
    async (request, reply) => {
      const { token, displayName, password, totpCode } = request.body;
      const invitation = await usableInvitation(token);
      if (passkeyRequiredFor(invitation)) throw passkeyRequired();
      await checkedEmail(request, invitation, request.body.email);
      const personId = invitation.person.id;
      assertStrongPassword(password, personalInputs({ email: invitation.person.email, displayName }));
      const pending = await loadTotp(app.db, app.keyring, personId);
      if (!pending || pending.confirmed) throw totpSetupMissing();
      const step = await checkTotpCode(pending.secret, totpCode, null);
      if (step === null) throw totpInvalid();
      const hash = await passwordHasher.hash(password);
      const ctx = activationContext(request, invitation);
      const result = await app.db.transaction(async (tx) => {
        if (!(await consumeInvitation(tx, ctx, invitation, { displayName }))) throw invitationInvalid();
        // The secret must still be the one the code was checked against (a second start may have replaced it).
        const current = await loadTotp(tx, app.keyring, personId);
        if (current?.secret !== pending.secret || !(await confirmTotp(tx, personId, step))) {
          throw totpSetupMissing();
        }
        await tx.insert(passwordCredentials).values({ personId, hash });
        await recordCredentialAudit(tx, ctx, personId, 'auth.password_totp_added', 'person', personId);
        const recoveryCodes = await issueRecoveryCodes(tx, app.keyring, personId);
        await recordCredentialAudit(tx, ctx, personId, 'auth.recovery_codes_issued', 'person', personId);
        await queueCredentialNotice(tx, app.keyring, invitation.person.email);
        const session = await startSession(tx, ctx, request, personId, 'activation');
        return { recoveryCodes, session };
      });
      await app.mail.flush();
      setCookieFor(app, reply, result.session);
      return { recoveryCodes: result.recoveryCodes };
    },
  );
};
