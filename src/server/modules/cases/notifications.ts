import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { NOTIFICATION_KINDS } from '../../../shared/cases.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { queueMail } from '../mail/service.ts';
import { people } from '../people/db.ts';
import { cases, notifications } from './db.ts';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The e-mail that goes with a notification: only that there is news, and where to look. No case
 * reference, no type, no names: an e-mail box is not a safe place, and a subject line can be read on a
 * lock screen.
 */
export function noticeMail(publicUrl: string): { subject: string; text: string } {
  return {
    subject: 'Er is nieuws voor u in Weerbaar',
    text: [
      'Er is nieuws voor u in Weerbaar. Meld u aan om het te bekijken:',
      `${publicUrl}/`,
      '',
      'There is news for you in Weerbaar. Sign in to see it.',
      '',
      'Acuut gevaar? Bel 112. / Acute danger? Call 112.',
    ].join('\n'),
  };
}

export interface NotifyOptions {
  keyring: Keyring;
  publicUrl: string;
  /** Also send the notice mail (default true). */
  mail?: boolean;
}

/**
 * In-app notifications (and a content-free notice mail) for people, inside the caller's transaction.
 * Deactivated people get nothing; a person is never notified about their own action (the caller leaves
 * them out). Returns whether mail was queued (the caller flushes after commit).
 */
export async function notify(
  tx: Tx,
  options: NotifyOptions,
  personIds: readonly string[],
  kind: NotificationKind,
  caseId: string | null,
): Promise<boolean> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return false;
  const recipients = await tx
    .select({ id: people.id, email: people.email, status: people.status })
    .from(people)
    .where(inArray(people.id, unique));
  const active = recipients.filter((person) => person.status === 'active');
  if (active.length === 0) return false;
  await tx.insert(notifications).values(active.map((person) => ({ personId: person.id, kind, caseId })));
  if (options.mail === false) return false;
  const mail = noticeMail(options.publicUrl);
  for (const person of active) {
    await queueMail(tx, options.keyring, { to: person.email, subject: mail.subject, text: mail.text, kind: 'notice' });
  }
  return true;
}

export async function listNotifications(db: DbOrTx, personId: string, limit = 100) {
  const rows = await db
    .select({
      id: notifications.id,
      at: notifications.createdAt,
      kind: notifications.kind,
      caseId: notifications.caseId,
      caseReference: cases.reference,
      caseType: cases.type,
      caseRequesterId: cases.requesterId,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(eq(notifications.personId, personId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)));
  return { rows, unread: unread?.n ?? 0 };
}

/**
 * Marks the person's own notifications read: all, the given ones, or those about one case (both
 * given: those of the ids that are about the case). Others' ids and cases are simply not matched.
 */
export async function markNotificationsRead(
  db: DbOrTx,
  personId: string,
  which: { ids?: readonly string[]; caseId?: string } = {},
): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.personId, personId),
        isNull(notifications.readAt),
        which.ids ? inArray(notifications.id, [...which.ids]) : undefined,
        which.caseId ? eq(notifications.caseId, which.caseId) : undefined,
      ),
    );
}
