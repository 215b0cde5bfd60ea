import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  okResponseSchema,
  passkeyAuthenticationOptionsSchema,
  signInPasskeyOptionsRequestSchema,
  signInPasskeyVerifyRequestSchema,
  signInPasswordRequestSchema,
  stepUpPasskeyOptionsRequestSchema,
  stepUpPasskeyVerifyRequestSchema,
  stepUpPasswordRequestSchema,
  stepUpResponseSchema,
} from '../../../shared/auth.ts';
import type { Tx } from '../../db/index.ts';
import { contextOf, type ServiceContext } from '../../lib/context.ts';
import { unauthorized } from '../../lib/errors.ts';
import { recordAudit, recordAuditAlone } from '../audit/service.ts';
import { queueMail } from '../mail/service.ts';
import { people } from '../people/db.ts';
import { findPersonByEmail, findPersonById, type PersonWithRoles } from '../people/repository.ts';
import { csrfTokenFor } from '../sessions/plugin.ts';
import { markReauthenticated, type SignInMethod } from '../sessions/service.ts';
import { passkeys } from './db.ts';
import { verifyPasswordOrDummy } from './passwords.ts';
import { AUTH_RATE_LIMIT } from './rate-limit.ts';
import { spendRecoveryCode } from './recovery-codes.ts';
import {
  listPasskeys,
  passwordHashOf,
  queueCredentialNotice,
  setCookieFor,
  signInFailed,
  startSession,
  stepUpFailed,
  suspiciousSignInText,
} from './service.ts';
import {
  afterSignIn,
  assertNotThrottled,
  blockedForSeconds,
  clearThrottle,
  recordFailure,
  secondFactorKey,
  THROTTLE,
  throttleKeys,
} from './throttle.ts';
import { acceptTotpStep, checkTotpCode, loadTotp } from './totp.ts';
import { authenticationOptions, relyingParty, verifyAssertion } from './webauthn.ts';

const NOBODY = '00000000-0000-0000-0000-000000000000';

interface PasswordAttempt {
  password: string;
  totpCode?: string | undefined;
  recoveryCode?: string | undefined;
}

type AttemptOutcome =
  | { ok: true; person: PersonWithRoles; method: SignInMethod; usedRecoveryCode: boolean }
  | { ok: false; person: PersonWithRoles | null; reason: string; passwordRight: boolean };

export const signInRoutes: FastifyPluginAsyncZod = async (app) => {
  const rp = relyingParty(app.config);

  /**
   * Checks password and second factor for a person (or for nobody: then a dummy hash is verified, so an
   * unknown account takes as long as a wrong password). Second-factor use is committed only together
   * with what `onSuccess` does, in one transaction.
   */
  async function attemptPassword(
    person: PersonWithRoles | null,
    attempt: PasswordAttempt,
    device: string | null = null,
  ): Promise<{ outcome: AttemptOutcome; commit: (work: (tx: Tx) => Promise<void>) => Promise<boolean> }> {
    // The lookup runs for an unknown account too (with an id nobody has), so both paths do the same work.
    const stored = await passwordHashOf(app.db, person?.id ?? NOBODY);
    const passwordOk = await verifyPasswordOrDummy(stored, attempt.password);
    const fail = (reason: string, passwordRight = false) => ({
      outcome: { ok: false as const, person, reason, passwordRight },
      commit: async () => false,
    });
    if (!person) return fail('unknown_account');
    if (!passwordOk) return fail(stored ? 'wrong_password' : 'no_password');
    if (person.status !== 'active') return fail('inactive');
    if ((await blockedForSeconds(app.db, [secondFactorKey(app.keyring, person.id, device)])) > 0) {
      return fail('second_factor_blocked');
    }
    const totp = await loadTotp(app.db, app.keyring, person.id);
    if (!totp?.confirmed) return fail('no_second_factor');
    let step: number | null = null;
    if (attempt.totpCode !== undefined) {
      step = await checkTotpCode(totp.secret, attempt.totpCode, totp.lastUsedStep);
      if (step === null) return fail('wrong_code', true);
    }
    const usedRecoveryCode = attempt.totpCode === undefined;
    const commit = async (work: (tx: Tx) => Promise<void>) =>
      app.db.transaction(async (tx) => {
        const accepted =
          step !== null
            ? await acceptTotpStep(tx, person.id, step)
            : await spendRecoveryCode(tx, app.keyring, person.id, attempt.recoveryCode ?? '');
        if (!accepted) return false;
        await work(tx);
        return true;
      });
    return {
      outcome: {
        ok: true,
        person,
        method: usedRecoveryCode ? 'password_recovery' : 'password_totp',
        usedRecoveryCode,
      },
      commit,
    };
  }

  /** Counts and audits a failed attempt: every one, known account or not (same work either way). */
  /**
   * Mails the owner about attempts that look like someone else (V6.3.5). Not awaited: the answer to a
   * known account must take as long as the answer to an unknown one.
   */
  function warnOwner(email: string, kind: 'failed_attempts' | 'password_known') {
    app.db
      .transaction((tx) =>
        queueMail(tx, app.keyring, { to: email, kind: 'notice', ...suspiciousSignInText(app.config.PUBLIC_URL, kind) }),
      )
      .then(() => app.mail.flush())
      .catch((error: unknown) => app.log.error({ err: error }, 'could not queue the sign-in attempts notice'));
  }

  async function recordFailedAttempt(
    ctx: ServiceContext,
    keys: ReturnType<typeof throttleKeys>,
    outcome: { person: PersonWithRoles | null; reason: string; passwordRight: boolean },
    action: string,
    method: string,
  ) {
    const accountFailures = await recordFailure(app.db, keys.account, { threshold: THROTTLE.account.threshold });
    await recordFailure(app.db, keys.ip, { threshold: THROTTLE.ip.threshold });
    let codeFailures = 0;
    if (outcome.person && outcome.passwordRight) {
      codeFailures = await recordFailure(app.db, secondFactorKey(app.keyring, outcome.person.id, keys.device), {
        fixedAfter: THROTTLE.secondFactor.maxFailures,
      });
    }
    // Exactly at the threshold, so one notice per 15-minute window, not one per attempt.
    const notice =
      codeFailures === THROTTLE.secondFactor.maxFailures
        ? 'password_known'
        : accountFailures === THROTTLE.account.threshold
          ? 'failed_attempts'
          : null;
    if (notice && outcome.person?.status === 'active') warnOwner(outcome.person.email, notice);
    await recordAuditAlone(app.db, ctx, {
      action,
      outcome: 'failure',
      actorPersonId: null,
      subjectPersonId: outcome.person?.id ?? null,
      recordType: 'person',
      ...(outcome.person ? { recordId: outcome.person.id } : {}),
      details: { method, reason: outcome.reason },
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Sign-in with a passkey
  // -------------------------------------------------------------------------------------------------

  app.post(
    '/api/auth/passkey/options',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Options for signing in with a passkey (no e-mail asked)',
        body: signInPasskeyOptionsRequestSchema,
        response: { 200: passkeyAuthenticationOptionsSchema },
      },
    },
    async () => authenticationOptions(app.db, rp, null, []),
  );

  app.post(
    '/api/auth/passkey/verify',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a passkey',
        body: signInPasskeyVerifyRequestSchema,
        response: { 200: okResponseSchema },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { ok, passkey } = await verifyAssertion(app.db, rp, null, request.body.response);
      const person = passkey ? await findPersonById(app.db, passkey.personId) : null;
      if (!ok || !person || person.status !== 'active') {
        await recordAuditAlone(app.db, ctx, {
          action: 'session.sign_in_failed',
          outcome: 'failure',
          actorPersonId: null,
          subjectPersonId: person?.id ?? null,
          recordType: 'person',
          ...(person ? { recordId: person.id } : {}),
          details: { method: 'passkey', reason: !passkey ? 'unknown_passkey' : !ok ? 'not_verified' : 'inactive' },
        });
        throw signInFailed();
      }
      const session = await app.db.transaction(async (tx) => {
        await tx
          .update(passkeys)
          .set({ counter: ok.newCounter, lastUsedAt: new Date() })
          .where(eq(passkeys.id, ok.passkey.id));
        return startSession(tx, ctx, request, person.id, 'passkey');
      });
      await afterSignIn(app, request, reply, throttleKeys(app.keyring, person.email, request), person, false);
      setCookieFor(app, reply, session);
      return { ok: true as const };
    },
  );

  // -------------------------------------------------------------------------------------------------
  // Sign-in with password + TOTP code or recovery code
  // -------------------------------------------------------------------------------------------------

  app.post(
    '/api/auth/password',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail, password and an authenticator code (or a recovery code)',
        body: signInPasswordRequestSchema,
        response: { 200: okResponseSchema },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const keys = throttleKeys(app.keyring, request.body.email, request);
      await assertNotThrottled(app.db, reply, [keys.account, keys.ip]);
      const person = await findPersonByEmail(app.db, request.body.email);
      const { outcome, commit } = await attemptPassword(person, request.body, keys.device);
      if (outcome.ok) {
        let session: { token: string; expiresAt: Date } | null = null;
        const committed = await commit(async (tx) => {
          if (outcome.usedRecoveryCode) {
            await recordAudit(tx, ctx, {
              action: 'auth.recovery_code_used',
              actorPersonId: outcome.person.id,
              subjectPersonId: outcome.person.id,
              recordType: 'person',
              recordId: outcome.person.id,
            });
            await queueCredentialNotice(tx, app.keyring, outcome.person.email);
          }
          session = await startSession(tx, ctx, request, outcome.person.id, outcome.method);
        });
        if (committed && session) {
          await afterSignIn(app, request, reply, keys, outcome.person, true);
          if (outcome.usedRecoveryCode) await app.mail.flush();
          setCookieFor(app, reply, session);
          return { ok: true as const };
        }
        await recordFailedAttempt(
          ctx,
          keys,
          { person: outcome.person, reason: 'code_reused', passwordRight: true },
          'session.sign_in_failed',
          'password',
        );
        throw signInFailed();
      }
      await recordFailedAttempt(ctx, keys, outcome, 'session.sign_in_failed', 'password');
      throw signInFailed();
    },
  );

  // -------------------------------------------------------------------------------------------------
  // Step-up: a fresh full authentication inside the session
  // -------------------------------------------------------------------------------------------------

  function signedIn(request: FastifyRequest) {
    const actor = request.session?.actor;
    if (!actor) throw unauthorized();
    return actor;
  }

  app.post(
    '/api/auth/step-up/passkey/options',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Options for confirming it is me with one of my passkeys',
        body: stepUpPasskeyOptionsRequestSchema,
        response: { 200: passkeyAuthenticationOptionsSchema },
      },
    },
    async (request) => {
      const actor = signedIn(request);
      return authenticationOptions(app.db, rp, actor.personId, await listPasskeys(app.db, actor.personId));
    },
  );

  app.post(
    '/api/auth/step-up/passkey/verify',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm it is me with a passkey (the session gets a new token and CSRF token)',
        body: stepUpPasskeyVerifyRequestSchema,
        response: { 200: stepUpResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const ctx = contextOf(request);
      const { ok } = await verifyAssertion(app.db, rp, actor.personId, request.body.response);
      if (!ok) {
        await recordAuditAlone(app.db, ctx, {
          action: 'session.reauthentication_failed',
          outcome: 'failure',
          subjectPersonId: actor.personId,
          recordType: 'session',
          recordId: actor.sessionId,
          details: { method: 'passkey' },
        });
        throw stepUpFailed();
      }
      const session = await app.db.transaction(async (tx) => {
        await tx
          .update(passkeys)
          .set({ counter: ok.newCounter, lastUsedAt: new Date() })
          .where(eq(passkeys.id, ok.passkey.id));
        return markReauthenticated(tx, ctx, actor.sessionId, actor.personId);
      });
      return renewed(app, reply, session);
    },
  );

  app.post(
    '/api/auth/step-up/password',
    {
      config: { access: 'signedIn', rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Confirm it is me with my password and an authenticator or recovery code (new session token)',
        body: stepUpPasswordRequestSchema,
        response: { 200: stepUpResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const ctx = contextOf(request);
      const [row] = await app.db.select({ email: people.email }).from(people).where(eq(people.id, actor.personId));
      if (!row) throw unauthorized();
      const keys = throttleKeys(app.keyring, row.email, request);
      await assertNotThrottled(app.db, reply, [keys.account, keys.ip]);
      const person = await findPersonById(app.db, actor.personId);
      const { outcome, commit } = await attemptPassword(person, request.body, keys.device);
      if (outcome.ok) {
        let session: { token: string; expiresAt: Date } | null = null;
        const committed = await commit(async (tx) => {
          if (outcome.usedRecoveryCode) {
            await recordAudit(tx, ctx, {
              action: 'auth.recovery_code_used',
              subjectPersonId: actor.personId,
              recordType: 'person',
              recordId: actor.personId,
            });
            await queueCredentialNotice(tx, app.keyring, outcome.person.email);
          }
          session = await markReauthenticated(tx, ctx, actor.sessionId, actor.personId);
        });
        if (committed && session) {
          await clearThrottle(app.db, [keys.account, secondFactorKey(app.keyring, actor.personId, keys.device)]);
          if (outcome.usedRecoveryCode) await app.mail.flush();
          return renewed(app, reply, session);
        }
      }
      await recordFailedAttempt(
        ctx,
        keys,
        outcome.ok ? { person: outcome.person, reason: 'code_reused', passwordRight: true } : outcome,
        'session.reauthentication_failed',
        'password',
      );
      throw stepUpFailed();
    },
  );
};

/** After a step-up: the new cookie, and the CSRF token that belongs to it. */
function renewed(app: FastifyInstance, reply: FastifyReply, session: { token: string; expiresAt: Date }) {
  setCookieFor(app, reply, session);
  return { ok: true as const, csrfToken: csrfTokenFor(app, session.token) };
}
