/**
 * A person's sign-in methods as data: who must use a passkey, what methods they have, the change audit and
 * the content-free notice mails. The services (activation, sign-in, step-up, my methods) build on these.
 */
import { and, asc, count, eq, isNotNull } from 'drizzle-orm';
import type { AuditAction } from '../../../shared/catalogue/index.ts';
import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import {
  credentialsChangedMail,
  type MailText,
  type SignInWarning,
  signInAttemptsMail,
} from '../../lib/texts/index.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { sendMail } from '../mail/service.ts';
import { people } from '../people/db.ts';
import { isStaff } from '../sessions/policy.ts';
import { passkeys, passwordCredentials, recoveryCodes, totpCredentials } from './db.ts';

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
export async function sendCredentialNotice(w: Work, keyring: Keyring, email: string): Promise<void> {
  await sendMail(w, keyring, { to: email, kind: 'credentials_changed', ...credentialsChangedMail() });
}

/**
 * Failed sign-ins that look like someone else trying (ASVS 5.0 V6.3.5): several wrong attempts, or the
 * right password with wrong codes — then the password is known to someone. Only a notice and a link to
 * "who accessed my data", where every attempt is listed; no time, place or address in the mail.
 */
export function suspiciousSignInText(publicUrl: string, kind: SignInWarning): MailText {
  return signInAttemptsMail(kind, `${publicUrl}${WEB_PATHS.accountAccessLog}`);
}

/** An audit entry about a change to a person's sign-in methods (what changed, never the secret). */
export async function recordCredentialAudit(
  w: Work,
  personId: string,
  action: AuditAction,
  recordType: string,
  recordId: string,
): Promise<void> {
  await recordAudit(w.tx, w, { action, subjectPersonId: personId, recordType, recordId });
}
