import { and, asc, count, eq, isNotNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditAction } from '../../../shared/catalogue/index.ts';
import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { AppError } from '../../lib/errors.ts';
import {
  credentialsChangedMail,
  type MailText,
  type SignInWarning,
  signInAttemptsMail,
} from '../../lib/texts/index.ts';
import { recordAudit } from '../audit/service.ts';
import { queueMail } from '../mail/service.ts';
import { people } from '../people/db.ts';
import { setSessionCookie } from '../sessions/cookie.ts';
import { isStaff } from '../sessions/policy.ts';
import { createSession, endOwnSession, type SignInMethod } from '../sessions/service.ts';
import { passkeys, passwordCredentials, recoveryCodes, totpCredentials } from './db.ts';

// ---------------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------------

export const invitationInvalid = () =>
  new AppError(
    404,
    'invitation_invalid',
    'Not Found',
    'This activation link is unknown, expired, already used or withdrawn. Ask for a new one.',
  );
export const passkeyRequired = () =>
  new AppError(403, 'passkey_required', 'Forbidden', 'This account signs in with a passkey only.');
export const passkeyInvalid = () =>
  new AppError(400, 'passkey_invalid', 'Bad Request', 'The passkey could not be verified. Please try again.');
export const signInFailed = () =>
  new AppError(
    401,
    'sign_in_failed',
    'Unauthorized',
    'Signing in did not work. Check what you entered and try again, or use a recovery code.',
  );
export const stepUpFailed = () =>
  new AppError(401, 'step_up_failed', 'Unauthorized', 'That did not confirm it is you. Please try again.');
export const totpInvalid = () =>
  new AppError(400, 'totp_invalid', 'Bad Request', 'The code does not match. Check the time on your phone.', [
    { field: 'body/totpCode', code: 'totp_invalid', message: 'The code does not match.' },
  ]);
export const totpSetupMissing = () =>
  new AppError(409, 'totp_setup_missing', 'Conflict', 'Start the authenticator app set-up first.');

// ---------------------------------------------------------------------------------------------------
// Who must use a passkey
// ---------------------------------------------------------------------------------------------------

/** Staff and admins (anyone with a role besides officeholder/relative) sign in with passkeys only. */
export function mustUsePasskey(roles: readonly Role[]): boolean {
  return isStaff(roles);
}

// ---------------------------------------------------------------------------------------------------
// Credentials of a person
// ---------------------------------------------------------------------------------------------------

/** Serialises every change of one person's sign-in methods (so "never the last method" holds under races). */
export async function lockPerson(tx: Tx, personId: string): Promise<void> {
  await tx.select({ id: people.id }).from(people).where(eq(people.id, personId)).for('update');
}

export async function listPasskeys(db: DbOrTx, personId: string) {
  return db
    .select({
      id: passkeys.id,
      name: passkeys.name,
      transports: passkeys.transports,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
    })
    .from(passkeys)
    .where(eq(passkeys.personId, personId))
    .orderBy(asc(passkeys.createdAt));
}

export async function countPasskeys(db: DbOrTx, personId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.personId, personId));
  return Number(row?.n ?? 0);
}

/** Password + TOTP counts as a method only when both exist and the TOTP secret was confirmed. */
export async function hasPasswordTotp(db: DbOrTx, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ personId: passwordCredentials.personId })
    .from(passwordCredentials)
    .innerJoin(
      totpCredentials,
      and(eq(totpCredentials.personId, passwordCredentials.personId), isNotNull(totpCredentials.confirmedAt)),
    )
    .where(eq(passwordCredentials.personId, personId));
  return Boolean(row);
}

export async function passwordHashOf(db: DbOrTx, personId: string): Promise<string | null> {
  const [row] = await db
    .select({ hash: passwordCredentials.hash })
    .from(passwordCredentials)
    .where(eq(passwordCredentials.personId, personId));
  return row?.hash ?? null;
}

/**
 * Removes every sign-in method of a person (passkeys, password, TOTP, recovery codes), e.g. when an
 * admin starts a reset and issues a new invitation. The caller audits and ends the sessions.
 */
export async function removeAllSignInMethods(tx: Tx, personId: string): Promise<void> {
  await tx.delete(passkeys).where(eq(passkeys.personId, personId));
  await tx.delete(passwordCredentials).where(eq(passwordCredentials.personId, personId));
  await tx.delete(totpCredentials).where(eq(totpCredentials.personId, personId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId));
}

// ---------------------------------------------------------------------------------------------------
// Notice mail
// ---------------------------------------------------------------------------------------------------

/**
 * The notice after every change of sign-in methods or recovery codes (ASVS V6.3.7): it says only that
 * something changed and whom to call — no method, device, time or place, so a mailbox reader learns
 * nothing about how the person signs in (text: src/server/lib/texts/mail.ts).
 */
export async function queueCredentialNotice(tx: Tx, keyring: Keyring, email: string): Promise<void> {
  await queueMail(tx, keyring, { to: email, kind: 'credentials_changed', ...credentialsChangedMail() });
}

/**
 * Failed sign-ins that look like someone else trying (ASVS 5.0 V6.3.5): several wrong attempts, or the
 * right password with wrong codes — then the password is known to someone. Only a notice and a link to
 * "who accessed my data", where every attempt is listed; no time, place or address in the mail.
 */
export function suspiciousSignInText(publicUrl: string, kind: SignInWarning): MailText {
  return signInAttemptsMail(kind, `${publicUrl}${WEB_PATHS.accountAccessLog}`);
}

// ---------------------------------------------------------------------------------------------------
// Signing in
// ---------------------------------------------------------------------------------------------------

/**
 * Starts a new session for the person inside the caller's transaction, and ends the session the request
 * came with, if any (a new token at every sign-in, ASVS V7.2.4). Set the cookie after the commit.
 */
export async function startSession(
  tx: Tx,
  ctx: ServiceContext,
  request: FastifyRequest,
  personId: string,
  method: SignInMethod,
) {
  const previous = request.session?.actor;
  if (previous) await endOwnSession(tx, ctx, previous.personId, previous.sessionId, 'signed_out');
  return createSession(tx, ctx, { personId, method, userAgent: request.headers['user-agent'] }, request.server.config);
}

export function setCookieFor(app: FastifyInstance, reply: FastifyReply, session: { token: string; expiresAt: Date }) {
  setSessionCookie(reply, app.config, session.token, session.expiresAt);
}

/** A unique-constraint violation, whichever driver reported it. */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** An audit entry about a change to a person's sign-in methods (what changed, never the secret). */
export async function recordCredentialAudit(
  tx: Tx,
  ctx: ServiceContext,
  personId: string,
  action: AuditAction,
  recordType: string,
  recordId: string,
): Promise<void> {
  await recordAudit(tx, ctx, { action, subjectPersonId: personId, recordType, recordId });
}
