import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { mailOutbox } from './db.ts';

/**
 * Dead letters: mail whose delivery was given up (a permanent refusal, or every retry spent). Admins see
 * that they exist and why, never what they say: no subject, no body, the recipient masked, the error a
 * class (`smtp_permanent:550`), not the server's text.
 */

/** `jan.jansen@example.org` → `j…@example.org`: enough to recognise, not to copy. */
export function maskRecipient(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '…';
  return `${address.slice(0, 1)}…${address.slice(at)}`;
}

export async function listDeadLetters(db: DbOrTx, page: { page: number; pageSize: number }) {
  const dead = isNotNull(mailOutbox.deadAt);
  const [{ n: total } = { n: 0 }] = await db.select({ n: count() }).from(mailOutbox).where(dead);
  const rows = await db
    .select({
      id: mailOutbox.id,
      recipient: mailOutbox.recipient,
      kind: mailOutbox.kind,
      attempts: mailOutbox.attempts,
      error: mailOutbox.error,
      createdAt: mailOutbox.createdAt,
      deadAt: mailOutbox.deadAt,
    })
    .from(mailOutbox)
    .where(dead)
    .orderBy(desc(mailOutbox.deadAt), mailOutbox.id)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id,
      recipient: maskRecipient(row.recipient),
      kind: row.kind,
      attempts: row.attempts,
      errorClass: row.error ?? 'unknown',
      createdAt: row.createdAt,
      deadAt: row.deadAt ?? row.createdAt,
    })),
  };
}

/**
 * Brings a dead letter back for one more attempt, due at once (the caller delivers after the commit). The
 * attempts are kept: if this one fails too, the mail is dead again rather than starting the back-off over.
 * Returns the recipient's address (for the audit's subject) and kind, or null when it is not a dead letter.
 */
export async function reviveDeadLetter(tx: Tx, id: string) {
  const [row] = await tx
    .update(mailOutbox)
    .set({ deadAt: null, nextAttemptAt: null })
    .where(and(eq(mailOutbox.id, id), isNotNull(mailOutbox.deadAt), isNull(mailOutbox.sentAt)))
    .returning({ id: mailOutbox.id, recipient: mailOutbox.recipient, kind: mailOutbox.kind });
  return row ?? null;
}
