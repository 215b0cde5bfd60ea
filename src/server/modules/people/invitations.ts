import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { InvitationDelivery } from '../../../shared/admin.ts';
import type { Config } from '../../config.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { invitationMail, relativeInvitationMail } from '../../lib/texts/index.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { sendMail } from '../mail/service.ts';
import { hashSecretToken, newSecretToken } from '../sessions/tokens.ts';
import { invitations, people } from './db.ts';
import { findPersonById, type PersonWithRoles } from './repository.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

/**
 * The activation link carries the token in the URL fragment (after #): browsers never send a fragment to
 * the server or in a Referer, so the token stays out of access logs.
 */
export function activationLink(config: Config, token: string): string {
  return `${config.PUBLIC_URL}/activeren#token=${token}`;
}

export interface IssuedInvitation {
  invitationId: string;
  token: string;
  link: string;
  expiresAt: Date;
}

export interface InvitationDeps {
  config: Config;
  keyring: Keyring;
}

/**
 * Issues a fresh single-use link for a person (any earlier open link stops working), sends the mail
 * (delivered after the commit) and audits it — all in the caller's unit of work.
 */
export async function issueInvitation(
  w: Work,
  deps: InvitationDeps,
  input: {
    /** A relative (linked to an officeholder) gets the mail that leaves out who invited them. */
    person: { id: string; email: string; linkedOfficeholderId?: string | null };
    kind?: 'invite' | 'setup';
    sendMail?: boolean;
    /** How the link reaches the person when it is not mailed: `package` for the printed package. */
    delivery?: InvitationDelivery;
  },
): Promise<IssuedInvitation> {
  const now = new Date();
  await w.tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.personId, input.person.id), isNull(invitations.usedAt), isNull(invitations.revokedAt)));
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const [row] = await w.tx
    .insert(invitations)
    .values({
      personId: input.person.id,
      tokenHash: hashSecretToken(token),
      kind: input.kind ?? 'invite',
      invitedBy: w.actor?.personId ?? null,
      delivery: input.sendMail !== false ? 'mail' : (input.delivery ?? null),
      createdAt: now,
      expiresAt,
    })
    .returning({ id: invitations.id });
  if (!row) throw new Error('invitation insert returned nothing');
  const link = activationLink(deps.config, token);
  if (input.sendMail !== false) {
    const text = input.person.linkedOfficeholderId ? relativeInvitationMail(link) : invitationMail(link);
    await sendMail(w, deps.keyring, { to: input.person.email, kind: 'invitation', ...text });
  }
  await recordAudit(w.tx, w, {
    action: 'invitation.issued',
    subjectPersonId: input.person.id,
    recordType: 'invitation',
    recordId: row.id,
    details: { kind: input.kind ?? 'invite' },
  });
  return { invitationId: row.id, token, link, expiresAt };
}

export interface UsableInvitation {
  id: string;
  kind: 'invite' | 'setup';
  expiresAt: Date;
  person: PersonWithRoles;
}

/**
 * The invitation a token belongs to, if it can still be used: not used, not revoked, not expired, for a
 * person not yet active. Any other case answers null, the same for all, so a probe learns nothing.
 */
export async function findUsableInvitation(db: DbOrTx, token: string): Promise<UsableInvitation | null> {
  if (token.length < 20 || token.length > 100) return null;
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, hashSecretToken(token)),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (!row) return null;
  const person = await findPersonById(db, row.personId);
  if (person?.status !== 'invited') return null;
  return { id: row.id, kind: row.kind, expiresAt: row.expiresAt, person };
}

/**
 * Marks the invitation used and the person active, once: of two racing activations only one succeeds
 * (the update matches an unused row only once).
 */
export async function consumeInvitation(
  w: Work,
  invitation: UsableInvitation,
  profile: { displayName: string; email?: string },
): Promise<boolean> {
  const used = await w.tx
    .update(invitations)
    .set({ usedAt: new Date() })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (used.length === 0) return false;
  await w.tx
    .update(people)
    .set({
      displayName: profile.displayName,
      status: 'active',
      activatedAt: new Date(),
      ...(profile.email ? { email: profile.email } : {}),
    })
    .where(eq(people.id, invitation.person.id));
  await recordAudit(w.tx, w, {
    action: 'invitation.accepted',
    actorPersonId: invitation.person.id,
    subjectPersonId: invitation.person.id,
    recordType: 'invitation',
    recordId: invitation.id,
  });
  return true;
}

export async function revokeInvitation(w: Work, invitationId: string): Promise<boolean> {
  const revoked = await w.tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id, personId: invitations.personId });
  const [row] = revoked;
  if (!row) return false;
  await recordAudit(w.tx, w, {
    action: 'invitation.revoked',
    subjectPersonId: row.personId,
    recordType: 'invitation',
    recordId: row.id,
  });
  return true;
}

const invitationStatusColumns = {
  id: invitations.id,
  personId: invitations.personId,
  kind: invitations.kind,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
  usedAt: invitations.usedAt,
  revokedAt: invitations.revokedAt,
  delivery: invitations.delivery,
};

export interface InvitationStatusRow {
  id: string;
  personId: string;
  kind: 'invite' | 'setup';
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  /** Read where a page shows it (handover); lists that do not select it leave it out. */
  delivery?: InvitationDelivery | null;
}

/** The most recent invitation of a person, for status displays (pending, expired, used). */
export async function latestInvitation(db: DbOrTx, personId: string): Promise<InvitationStatusRow | null> {
  const [row] = await db
    .select(invitationStatusColumns)
    .from(invitations)
    .where(eq(invitations.personId, personId))
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(1);
  return row ?? null;
}

/** The most recent invitation of each of these people, in one query (lists). */
export async function latestInvitationsOf(db: DbOrTx, personIds: string[]): Promise<Map<string, InvitationStatusRow>> {
  const map = new Map<string, InvitationStatusRow>();
  if (personIds.length === 0) return map;
  const rows = await db
    .selectDistinctOn([invitations.personId], invitationStatusColumns)
    .from(invitations)
    .where(inArray(invitations.personId, personIds))
    .orderBy(invitations.personId, desc(invitations.createdAt), desc(invitations.id));
  for (const row of rows) map.set(row.personId, row);
  return map;
}

/** The invitations of a person that could still be used (not used, not revoked, not expired). */
export async function pendingInvitationIds(db: DbOrTx, personId: string): Promise<string[]> {
  const rows = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.personId, personId),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return rows.map((row) => row.id);
}
