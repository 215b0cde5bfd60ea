import { and, asc, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { contextAad, type Keyring } from '../../lib/crypto/index.ts';
import { mailOutbox } from './db.ts';
import type { MailAttachment, MailTransport } from './transport.ts';

const MINUTE_MS = 60_000;

/**
 * The waits after a failed attempt: after the first failure 1 minute, then 5, 30, 2 hours and 12 hours.
 * An attempt that fails with every wait spent makes the mail a dead letter (six attempts in ~15 hours).
 */
export const MAIL_RETRY_DELAYS_MS: readonly number[] = [1, 5, 30, 120, 720].map((minutes) => minutes * MINUTE_MS);

/**
 * How long a claimed mail belongs to the deliverer that claimed it. Longer than nodemailer's slowest
 * send (2 min to connect, 10 min of socket silence), so no other instance takes it while it is being
 * sent; if the deliverer dies mid-send, the mail is due again once the lease runs out.
 */
export const MAIL_CLAIM_LEASE_MS = 15 * MINUTE_MS;

/** At most this many mails per pass, so one pass never runs unbounded. */
const MAX_PER_PASS = 50;

export const mailBodyAad = (id: string) => contextAad('mail_outbox', 'body', id);
export const mailAttachmentsAad = (id: string) => contextAad('mail_outbox', 'attachments', id);

export interface DeliveryOptions {
  now: () => Date;
  retryDelaysMs?: readonly number[];
}

export interface DeliveryPass {
  delivered: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  /** Mails that became dead letters in this pass. */
  dead: number;
  /** The earliest retry this pass scheduled (so a job can be sent for it); null when none. */
  nextRetryAt: Date | null;
}

/**
 * What went wrong, as a class an admin can act on: never the server's text, which may repeat the
 * recipient's address or a part of the message. `permanent` is a 5xx refusal (the address does not exist,
 * the message is refused): retrying cannot help. An authentication failure (535) is ours, not the
 * recipient's, so it is retried like a temporary one.
 */
export function classifyMailError(error: unknown): { errorClass: string; permanent: boolean } {
  const fields = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  const code = typeof fields.code === 'string' && /^[A-Z0-9_]{1,24}$/.test(fields.code) ? fields.code : null;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : null;
  if (code === 'EAUTH') return { errorClass: `smtp_auth${responseCode ? `:${responseCode}` : ''}`, permanent: false };
  if (responseCode !== null && responseCode >= 500 && responseCode < 600) {
    return { errorClass: `smtp_permanent:${responseCode}`, permanent: true };
  }
  if (responseCode !== null && responseCode >= 400 && responseCode < 500) {
    return { errorClass: `smtp_temporary:${responseCode}`, permanent: false };
  }
  if (code) return { errorClass: `connection:${code}`, permanent: false };
  return { errorClass: 'unknown', permanent: false };
}

/**
 * Takes the next due mail for this deliverer alone: holds it (`claimed_until`, the lease) and counts the
 * attempt. `FOR UPDATE SKIP LOCKED` lets concurrent deliverers (other instances, or
 * a retry job beside a request's flush) pass over a row another is claiming instead of waiting for it
 * and then sending it a second time; a row already claimed is no longer due, so it is not taken again.
 */
async function claimNext(db: DbOrTx, now: Date) {
  // Two statements in one transaction, not `UPDATE … WHERE id IN (SELECT … LIMIT 1 SKIP LOCKED)`: the
  // planner may run such a subquery again for every row, each run skipping the row the last one locked,
  // and so claim them all.
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(
        and(
          isNull(mailOutbox.sentAt),
          isNull(mailOutbox.deadAt),
          isNotNull(mailOutbox.bodyEnvelope),
          or(isNull(mailOutbox.nextAttemptAt), lte(mailOutbox.nextAttemptAt, now)),
          or(isNull(mailOutbox.claimedUntil), lt(mailOutbox.claimedUntil, now)),
        ),
      )
      .orderBy(sql`${mailOutbox.nextAttemptAt} ASC NULLS FIRST`, asc(mailOutbox.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!due) return null;
    const [row] = await tx
      .update(mailOutbox)
      .set({
        attempts: sql`${mailOutbox.attempts} + 1`,
        claimedUntil: new Date(now.getTime() + MAIL_CLAIM_LEASE_MS),
      })
      .where(eq(mailOutbox.id, due.id))
      .returning();
    return row ?? null;
  });
}

/**
 * Delivers what is due, oldest first, one claimed mail at a time. Through SMTP, the body is erased once
 * sent (an invitation link is a credential); in local mode it stays readable for the admin outbox page.
 * A failed attempt records its class and the next attempt's time (the back-off above), or makes the mail
 * a dead letter: at once for a permanent refusal, or when every retry is spent.
 */
export async function deliverDue(
  db: DbOrTx,
  keyring: Keyring,
  transport: MailTransport,
  options: DeliveryOptions,
): Promise<DeliveryPass> {
  const delays = options.retryDelaysMs ?? MAIL_RETRY_DELAYS_MS;
  const pass: DeliveryPass = { delivered: 0, retrying: 0, dead: 0, nextRetryAt: null };
  for (let n = 0; n < MAX_PER_PASS; n++) {
    const row = await claimNext(db, options.now());
    if (!row?.bodyEnvelope) break;
    try {
      const attachments = row.attachmentsEnvelope
        ? (JSON.parse(keyring.decryptString(row.attachmentsEnvelope, mailAttachmentsAad(row.id))) as MailAttachment[])
        : undefined;
      await transport.deliver({
        to: row.recipient,
        subject: row.subject,
        text: keyring.decryptString(row.bodyEnvelope, mailBodyAad(row.id)),
        ...(attachments ? { attachments } : {}),
      });
    } catch (error) {
      const { errorClass, permanent } = classifyMailError(error);
      const now = options.now();
      const wait = permanent ? undefined : delays[row.attempts - 1];
      if (wait === undefined) {
        pass.dead++;
        await db
          .update(mailOutbox)
          .set({ error: errorClass, deadAt: now, claimedUntil: null })
          .where(and(eq(mailOutbox.id, row.id), isNull(mailOutbox.sentAt)));
      } else {
        pass.retrying++;
        const nextAttemptAt = new Date(now.getTime() + wait);
        if (!pass.nextRetryAt || nextAttemptAt < pass.nextRetryAt) pass.nextRetryAt = nextAttemptAt;
        await db
          .update(mailOutbox)
          .set({ error: errorClass, nextAttemptAt, claimedUntil: null })
          .where(and(eq(mailOutbox.id, row.id), isNull(mailOutbox.sentAt)));
      }
      continue;
    }
    pass.delivered++;
    await db
      .update(mailOutbox)
      .set({
        sentAt: options.now(),
        claimedUntil: null,
        error: null,
        ...(transport.local ? {} : { bodyEnvelope: null, attachmentsEnvelope: null }),
      })
      .where(eq(mailOutbox.id, row.id));
  }
  return pass;
}
