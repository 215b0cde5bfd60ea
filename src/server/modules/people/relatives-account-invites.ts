import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { Relative, RelativeRelationship } from '../../../shared/admin.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { sendMail } from '../mail/service.ts';
import { invitations, relativeAccountInvites } from './db.ts';
import type { PeopleDeps } from './deps.ts';
import { INVITATION_TTL_MS } from './invitations.ts';
import type { PersonWithRoles } from './repository.ts';
import { invitationState } from './views.ts';

/**
 * Inviting a relative must not tell whether an address already has an account (V6.3.8), and must not be
 * a way to send mail in bulk. For an address in use, the officeholder sees what a real invitation shows —
 * the same answer, a pending entry in their list that can be resent, revoked and removed — while the
 * account holder gets a notice without a link and nothing about their account changes (db.ts).
 */

/** Invitations (new, resent, or to an address in use) one officeholder may send in any 24 hours. */
export const RELATIVE_INVITES_PER_DAY = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export class RelativeInviteLimitError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      429,
      'too_many_invitations',
      'Too Many Requests',
      `You have sent many invitations in a short time. You can send a new one in about ${Math.ceil(retryAfterSeconds / 3600)} hours.`,
    );
    this.name = 'RelativeInviteLimitError';
    this.retryAfterSeconds = retryAfterSeconds;
    this.withHeader('Retry-After', String(retryAfterSeconds));
  }
}

/**
 * Refuses a further invitation when the officeholder sent the maximum in the last 24 hours (real ones
 * count by their invitation rows, so a resend counts too; the others by their entry). Under a lock per
 * officeholder, so simultaneous requests cannot both slip under it.
 */
export async function enforceInviteLimit(tx: Tx, officeholderId: string, now: Date): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`relative-invites:${officeholderId}`}, 0))`);
  const since = new Date(now.getTime() - DAY_MS);
  const sent = await tx
    .select({ at: invitations.createdAt })
    .from(invitations)
    .where(and(eq(invitations.invitedBy, officeholderId), gt(invitations.createdAt, since)));
  const decoys = await tx
    .select({ at: relativeAccountInvites.createdAt })
    .from(relativeAccountInvites)
    .where(and(eq(relativeAccountInvites.officeholderId, officeholderId), gt(relativeAccountInvites.createdAt, since)));
  const times = [...sent, ...decoys].map((row) => row.at.getTime()).sort((a, b) => a - b);
  if (times.length < RELATIVE_INVITES_PER_DAY) return;
  const freeing = times[times.length - RELATIVE_INVITES_PER_DAY] ?? now.getTime();
  throw new RelativeInviteLimitError(Math.max(1, Math.ceil((freeing + DAY_MS - now.getTime()) / 1000)));
}

type AccountInviteRow = typeof relativeAccountInvites.$inferSelect;
type InviteDeps = Pick<PeopleDeps, 'keyring' | 'config'>;

/** The officeholder's view of such an entry: exactly the shape of an invited relative. */
export function accountInviteView(row: AccountInviteRow, now = new Date()): Relative {
  return {
    id: row.id,
    displayName: null,
    email: row.email,
    status: 'invited',
    relationship: row.relationship,
    invitation: {
      id: row.invitationId,
      kind: 'invite',
      state: invitationState({ usedAt: null, revokedAt: row.revokedAt, expiresAt: row.expiresAt }, now),
      // A real relative's link always goes by mail; so does the notice here.
      delivery: 'mail',
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    },
  };
}

function noticeText(publicUrl: string): { subject: string; text: string } {
  return {
    subject: 'Uitnodiging als familielid in Weerbaar / Invitation as a family member in Weerbaar',
    text: [
      'Iemand heeft uw e-mailadres opgegeven om u als familielid uit te nodigen voor Weerbaar. Er bestaat al een',
      'account met dit adres; er is daarom niets veranderd en er volgt geen nieuwe uitnodiging.',
      'Verwachtte u dit? Neem dan contact op met degene die u wilde uitnodigen. Zo niet, dan hoeft u niets te doen.',
      '',
      publicUrl,
      '',
      '---',
      '',
      'Someone gave your e-mail address to invite you to Weerbaar as a family member. An account with this',
      'address already exists, so nothing has changed and no new invitation follows.',
      'Expecting this? Contact the person who wanted to invite you. If not, you need not do anything.',
    ].join('\n'),
  };
}

/** Records the invitation to an address in use, and tells the account holder (not the inviter). */
export async function inviteExistingAccount(
  w: Work,
  deps: InviteDeps,
  actor: Actor,
  existing: Pick<PersonWithRoles, 'id' | 'email'>,
  relationship: RelativeRelationship,
  now: Date,
): Promise<Relative> {
  const [row] = await w.tx
    .insert(relativeAccountInvites)
    .values({
      officeholderId: actor.personId,
      email: existing.email,
      relationship,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await sendMail(w, deps.keyring, { to: existing.email, kind: 'notice', ...noticeText(deps.config.PUBLIC_URL) });
  await recordAudit(w.tx, w, {
    action: 'relative.invited_existing_account',
    subjectPersonId: existing.id,
    recordType: 'person',
    recordId: existing.id,
  });
  return accountInviteView(row, now);
}

export async function listAccountInvites(db: DbOrTx, officeholderId: string): Promise<Relative[]> {
  const rows = await db
    .select()
    .from(relativeAccountInvites)
    .where(eq(relativeAccountInvites.officeholderId, officeholderId))
    .orderBy(desc(relativeAccountInvites.createdAt));
  return rows.map((row) => accountInviteView(row));
}

/** The entry with this id, locked; null when there is none (then it is a real relative, or nothing). */
export async function lockAccountInvite(tx: Tx, id: string): Promise<AccountInviteRow | null> {
  const [row] = await tx.select().from(relativeAccountInvites).where(eq(relativeAccountInvites.id, id)).for('update');
  return row ?? null;
}

/** Resend: a fresh period, and the notice once more (what a new link would be for a real invitation). */
export async function resendAccountInvite(
  w: Work,
  deps: InviteDeps,
  row: AccountInviteRow,
  now: Date,
): Promise<Relative> {
  const [updated] = await w.tx
    .update(relativeAccountInvites)
    .set({ createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS), revokedAt: null })
    .where(eq(relativeAccountInvites.id, row.id))
    .returning();
  if (!updated) throw notFound();
  await sendMail(w, deps.keyring, { to: row.email, kind: 'notice', ...noticeText(deps.config.PUBLIC_URL) });
  return accountInviteView(updated, now);
}

/** Revoke: as for a real invitation, 404 when nothing is pending. */
export async function revokeAccountInvite(tx: Tx, row: AccountInviteRow, now: Date): Promise<void> {
  if (row.revokedAt || row.expiresAt.getTime() <= now.getTime()) {
    throw notFound('There is no pending invitation for this person.');
  }
  await tx.update(relativeAccountInvites).set({ revokedAt: now }).where(eq(relativeAccountInvites.id, row.id));
}

export async function removeAccountInvite(tx: Tx, row: AccountInviteRow): Promise<void> {
  await tx.delete(relativeAccountInvites).where(eq(relativeAccountInvites.id, row.id));
}

/** How many relatives-to-be the officeholder has listed here (they count towards MAX_RELATIVES too). */
export async function countAccountInvites(tx: Tx, officeholderId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(relativeAccountInvites)
    .where(eq(relativeAccountInvites.officeholderId, officeholderId));
  return Number(row?.n ?? 0);
}
