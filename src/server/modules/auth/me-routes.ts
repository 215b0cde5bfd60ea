import { and, eq, isNotNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addPasskeyOptionsRequestSchema,
  addPasskeyRequestSchema,
  credentialChangeResponseSchema,
  credentialsResponseSchema,
  passkeyIdParamsSchema,
  passkeyRegistrationOptionsSchema,
  passwordTotpCompleteRequestSchema,
  passwordTotpStartRequestSchema,
  regenerateRecoveryCodesRequestSchema,
  regenerateRecoveryCodesResponseSchema,
  totpSetupResponseSchema,
} from '../../../shared/auth.ts';
import type { AuditAction } from '../../../shared/catalogue/index.ts';
import type { Tx } from '../../db/index.ts';
import { contextOf, type ServiceContext } from '../../lib/context.ts';
import { conflict, notFound, unauthorized } from '../../lib/errors.ts';
import { findPersonById, type PersonWithRoles } from '../people/repository.ts';
import { endAllSessions } from '../sessions/service.ts';
import { requireRecentAuthentication } from '../sessions/step-up.ts';
import { passkeys, passwordCredentials, totpCredentials } from './db.ts';
import { assertStrongPassword, passwordHasher, personalInputs } from './passwords.ts';
import { issueRecoveryCodes, remainingRecoveryCodes } from './recovery-codes.ts';
import {
  countPasskeys,
  hasPasswordTotp,
  listPasskeys,
  lockPerson,
  mustUsePasskey,
  passkeyInvalid,
  passkeyRequired,
  queueCredentialNotice,
  recordCredentialAudit,
  totpInvalid,
  totpSetupMissing,
} from './service.ts';
import { checkTotpCode, confirmTotp, loadTotp, startTotpSetup } from './totp.ts';
import { encodeCredential, registrationOptions, relyingParty, verifyRegistration } from './webauthn.ts';

const lastMethod = () =>
  conflict('last_method', 'This is your last way to sign in. Add another one before removing this one.');
const lastPasskey = () => conflict('last_passkey', 'Your account needs at least one passkey.');
const passwordTotpExists = () =>
  conflict('password_totp_exists', 'Password and authenticator app are already set up for your account.');

/**
 * My sign-in methods. Every change needs a recent full authentication (step-up), is audited, and sends
 * the content-free notice mail. Ending other sessions: removing a method always ends every other session
 * (the method may belong to a lost or stolen device, and sessions it started must not outlive it);
 * adding a method or new recovery codes ends them when the request asks (`endOtherSessions: true`).
 */
export const meCredentialRoutes: FastifyPluginAsyncZod = async (app) => {
  const rp = relyingParty(app.config);

  async function me(request: FastifyRequest): Promise<{ person: PersonWithRoles; sessionId: string }> {
    const actor = request.session?.actor;
    if (!actor) throw unauthorized();
    const person = await findPersonById(app.db, actor.personId);
    if (!person) throw unauthorized();
    return { person, sessionId: actor.sessionId };
  }

  /** Audit, notice mail and (optionally) other sessions ended: what every change does, in its transaction. */
  async function afterChange(
    tx: Tx,
    ctx: ServiceContext,
    person: PersonWithRoles,
    sessionId: string,
    change: { action: AuditAction; recordType: string; recordId: string; endOtherSessions: boolean },
  ): Promise<number> {
    await recordCredentialAudit(tx, ctx, person.id, change.action, change.recordType, change.recordId);
    await queueCredentialNotice(tx, app.keyring, person.email);
    if (!change.endOtherSessions) return 0;
    return endAllSessions(tx, ctx, person.id, 'ended_by_owner', { exceptSessionId: sessionId });
  }

  app.get(
    '/api/me/credentials',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'My sign-in methods',
        response: { 200: credentialsResponseSchema },
      },
    },
    async (request) => {
      const { person } = await me(request);
      const list = await listPasskeys(app.db, person.id);
      return {
        passkeys: list.map((passkey) => ({
          id: passkey.id,
          name: passkey.name,
          createdAt: passkey.createdAt.toISOString(),
          lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
        })),
        passwordTotp: await hasPasswordTotp(app.db, person.id),
        recoveryCodesRemaining: await remainingRecoveryCodes(app.db, person.id),
        passkeyRequired: mustUsePasskey(person.roles),
      };
    },
  );

  app.post(
    '/api/me/passkeys/options',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Options for adding a passkey (needs a recent step-up)',
        body: addPasskeyOptionsRequestSchema,
        response: { 200: passkeyRegistrationOptionsSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      const { person } = await me(request);
      return registrationOptions(
        app.db,
        rp,
        { id: person.id, userName: person.email, displayName: person.displayName ?? person.email },
        await listPasskeys(app.db, person.id),
      );
    },
  );

  app.post(
    '/api/me/passkeys',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Add a passkey (needs a recent step-up)',
        body: addPasskeyRequestSchema,
        response: { 200: credentialChangeResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      const { person, sessionId } = await me(request);
      const credential = await verifyRegistration(app.db, rp, person.id, request.body.response);
      if (!credential) throw passkeyInvalid();
      const ctx = contextOf(request);
      const endedSessions = await app.db.transaction(async (tx) => {
        await lockPerson(tx, person.id);
        const stored = await tx
          .insert(passkeys)
          .values({ ...encodeCredential(credential), personId: person.id, name: request.body.name })
          .onConflictDoNothing()
          .returning({ id: passkeys.id });
        if (stored.length === 0) throw conflict('passkey_exists', 'This passkey is already registered.');
        return afterChange(tx, ctx, person, sessionId, {
          action: 'auth.passkey_added',
          recordType: 'passkey',
          recordId: credential.id,
          endOtherSessions: request.body.endOtherSessions ?? false,
        });
      });
      await app.mail.flush();
      return { endedSessions };
    },
  );

  app.delete(
    '/api/me/passkeys/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Remove one of my passkeys (needs a recent step-up; never the last way to sign in)',
        params: passkeyIdParamsSchema,
        response: { 200: credentialChangeResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      const { person, sessionId } = await me(request);
      const ctx = contextOf(request);
      const endedSessions = await app.db.transaction(async (tx) => {
        await lockPerson(tx, person.id);
        const [mine] = await tx
          .select({ id: passkeys.id })
          .from(passkeys)
          .where(and(eq(passkeys.id, request.params.id), eq(passkeys.personId, person.id)));
        if (!mine) throw notFound();
        const remainingPasskeys = (await countPasskeys(tx, person.id)) - 1;
        if (mustUsePasskey(person.roles) && remainingPasskeys < 1) throw lastPasskey();
        if (remainingPasskeys < 1 && !(await hasPasswordTotp(tx, person.id))) throw lastMethod();
        await tx.delete(passkeys).where(and(eq(passkeys.id, mine.id), eq(passkeys.personId, person.id)));
        return afterChange(tx, ctx, person, sessionId, {
          action: 'auth.passkey_removed',
          recordType: 'passkey',
          recordId: mine.id,
          endOtherSessions: true,
        });
      });
      await app.mail.flush();
      return { endedSessions };
    },
  );

  app.post(
    '/api/me/recovery-codes',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'New recovery codes; the old ones stop working (needs a recent step-up)',
        body: regenerateRecoveryCodesRequestSchema,
        response: { 200: regenerateRecoveryCodesResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      const { person, sessionId } = await me(request);
      const ctx = contextOf(request);
      const result = await app.db.transaction(async (tx) => {
        await lockPerson(tx, person.id);
        const recoveryCodes = await issueRecoveryCodes(tx, app.keyring, person.id);
        const endedSessions = await afterChange(tx, ctx, person, sessionId, {
          action: 'auth.recovery_codes_issued',
          recordType: 'person',
          recordId: person.id,
          endOtherSessions: request.body?.endOtherSessions ?? false,
        });
        return { recoveryCodes, endedSessions };
      });
      await app.mail.flush();
      return result;
    },
  );

  app.post(
    '/api/me/password-totp/start',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Check a new password and set up an authenticator app (officeholders and relatives; step-up)',
        body: passwordTotpStartRequestSchema,
        response: { 200: totpSetupResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      const { person } = await me(request);
      if (mustUsePasskey(person.roles)) throw passkeyRequired();
      if (await hasPasswordTotp(app.db, person.id)) throw passwordTotpExists();
      assertStrongPassword(request.body.password, personalInputs(person));
      const setup = await app.db.transaction(async (tx) => {
        await lockPerson(tx, person.id);
        if (await hasPasswordTotp(tx, person.id)) return null;
        // Half a method (a password without a confirmed secret, or the reverse) is no method: start clean.
        await tx.delete(passwordCredentials).where(eq(passwordCredentials.personId, person.id));
        await tx
          .delete(totpCredentials)
          .where(and(eq(totpCredentials.personId, person.id), isNotNull(totpCredentials.confirmedAt)));
        return startTotpSetup(tx, app.keyring, person);
      });
      if (!setup) throw passwordTotpExists();
      return setup;
    },
  );

  app.post(
    '/api/me/password-totp/complete',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the authenticator code and save the password (step-up)',
        body: passwordTotpCompleteRequestSchema,
        response: { 200: credentialChangeResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      const { person, sessionId } = await me(request);
      if (mustUsePasskey(person.roles)) throw passkeyRequired();
      const { password, totpCode } = request.body;
      assertStrongPassword(password, personalInputs(person));
      const pending = await loadTotp(app.db, app.keyring, person.id);
      if (pending?.confirmed) throw passwordTotpExists();
      if (!pending) throw totpSetupMissing();
      const step = await checkTotpCode(pending.secret, totpCode, null);
      if (step === null) throw totpInvalid();
      const hash = await passwordHasher.hash(password);
      const ctx = contextOf(request);
      const endedSessions = await app.db.transaction(async (tx) => {
        await lockPerson(tx, person.id);
        const current = await loadTotp(tx, app.keyring, person.id);
        if (current?.secret !== pending.secret || !(await confirmTotp(tx, person.id, step))) {
          throw totpSetupMissing();
        }
        await tx
          .insert(passwordCredentials)
          .values({ personId: person.id, hash })
          .onConflictDoUpdate({ target: passwordCredentials.personId, set: { hash, createdAt: new Date() } });
        return afterChange(tx, ctx, person, sessionId, {
          action: 'auth.password_totp_added',
          recordType: 'person',
          recordId: person.id,
          endOtherSessions: request.body.endOtherSessions ?? false,
        });
      });
      await app.mail.flush();
      return { endedSessions };
    },
  );

  app.delete(
    '/api/me/password-totp',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Remove password + authenticator app (step-up; never the last way to sign in)',
        response: { 200: credentialChangeResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      const { person, sessionId } = await me(request);
      const ctx = contextOf(request);
      const endedSessions = await app.db.transaction(async (tx) => {
        await lockPerson(tx, person.id);
        if (!(await hasPasswordTotp(tx, person.id))) throw notFound();
        if ((await countPasskeys(tx, person.id)) < 1) throw lastMethod();
        await tx.delete(passwordCredentials).where(eq(passwordCredentials.personId, person.id));
        await tx.delete(totpCredentials).where(eq(totpCredentials.personId, person.id));
        return afterChange(tx, ctx, person, sessionId, {
          action: 'auth.password_totp_removed',
          recordType: 'person',
          recordId: person.id,
          endOtherSessions: true,
        });
      });
      await app.mail.flush();
      return { endedSessions };
    },
  );
};
