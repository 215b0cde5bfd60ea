import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { contextAad, type Keyring } from '../../lib/crypto/index.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { mailOutbox } from './db.ts';
import type { MailAttachment, MailTransport } from './transport.ts';

/** Kinds of mail; the body is always a notice and a link, never case content. */
export type MailKind = 'invitation' | 'credentials_changed' | 'setup' | 'notice';

const bodyAad = (id: string) => contextAad('mail_outbox', 'body', id);
const attachmentsAad = (id: string) => contextAad('mail_outbox', 'attachments', id);

type NewMail = { to: string; subject: string; text: string; kind: MailKind; attachments?: readonly MailAttachment[] };

/**
 * Puts a message in the outbox inside the caller's transaction, so it exists only if the change that
 * caused it commits. Call `deliverPending` after the commit.
 */
export async function queueMail(tx: Tx, keyring: Keyring, mail: NewMail): Promise<string> {
  const [id] = await queueMails(tx, keyring, [mail]);
  if (!id) throw new Error('queueing a mail returned no id');
  return id;
}

/** Many messages in one statement (a notice to every staff member of a queue). */
export async function queueMails(tx: Tx, keyring: Keyring, mails: readonly NewMail[]): Promise<string[]> {
  if (mails.length === 0) return [];
  const rows = mails.map((mail) => {
    const id = crypto.randomUUID();
    return {
      id,
      recipient: mail.to,
      subject: mail.subject,
      kind: mail.kind,
      bodyEnvelope: keyring.encrypt(mail.text, bodyAad(id)),
      attachmentsEnvelope: mail.attachments?.length
        ? keyring.encrypt(JSON.stringify(mail.attachments), attachmentsAad(id))
        : null,
    };
  });
  await tx.insert(mailOutbox).values(rows);
  return rows.map((row) => row.id);
}

/**
 * Queues a message in the unit of work's transaction and has the unit deliver the outbox once the
 * change has committed: what services call to send a mail.
 */
export async function sendMail(w: Work, keyring: Keyring, mail: NewMail): Promise<string> {
  const id = await queueMail(w.tx, keyring, mail);
  w.deliverMail();
  return id;
}

/**
 * How long a delivery run holds the messages it took. Another instance (or a later run) leaves them
 * alone until then; a run that died mid-way leaves them to whichever run comes after.
 */
const CLAIM_SECONDS = 600;

/**
 * Takes up to 50 waiting messages, oldest first, for this run alone: in one statement, skipping rows
 * another run is taking at the same moment (SKIP LOCKED) and rows another run still holds. So with
 * several instances flushing at once, each message goes to one of them.
 */
async function claimPending(db: DbOrTx) {
  const waiting = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.sentAt), or(isNull(mailOutbox.claimedUntil), lt(mailOutbox.claimedUntil, sql`now()`))))
    .orderBy(asc(mailOutbox.createdAt))
    .limit(50)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(mailOutbox)
    .set({ claimedUntil: sql`now() + ${`${CLAIM_SECONDS} seconds`}::interval` })
    .where(inArray(mailOutbox.id, waiting))
    .returning();
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * Delivers what is waiting, oldest first, each message by one run only (claimPending), whichever
 * instance runs it. Through SMTP, the body is erased once sent (an invitation link is a credential); in
 * local mode it stays readable for the admin outbox page. The delivered ones are marked sent in one
 * statement at the end of the batch; a failed one is released for the next run.
 */
export async function deliverPending(db: DbOrTx, keyring: Keyring, transport: MailTransport): Promise<number> {
  const pending = await claimPending(db);
  const delivered: string[] = [];
  for (const row of pending) {
    if (!row.bodyEnvelope) continue;
    try {
      const attachments = row.attachmentsEnvelope
        ? (JSON.parse(keyring.decryptString(row.attachmentsEnvelope, attachmentsAad(row.id))) as MailAttachment[])
        : undefined;
      await transport.deliver({
        to: row.recipient,
        subject: row.subject,
        text: keyring.decryptString(row.bodyEnvelope, bodyAad(row.id)),
        ...(attachments ? { attachments } : {}),
      });
      delivered.push(row.id);
    } catch (error) {
      await db
        .update(mailOutbox)
        .set({ error: error instanceof Error ? error.message.slice(0, 200) : 'delivery failed', claimedUntil: null })
        .where(and(eq(mailOutbox.id, row.id), isNull(mailOutbox.sentAt)));
    }
  }
  if (delivered.length > 0) {
    await db
      .update(mailOutbox)
      .set({
        sentAt: new Date(),
        claimedUntil: null,
        error: null,
        ...(transport.local ? {} : { bodyEnvelope: null, attachmentsEnvelope: null }),
      })
      .where(inArray(mailOutbox.id, delivered));
  }
  return delivered.length;
}

/** One page of the outbox, newest first (the admin outbox page; never the bodies). */
export async function listOutboxPage(db: DbOrTx, page: { page: number; pageSize: number }) {
  const [{ n: total } = { n: 0 }] = await db.select({ n: count() }).from(mailOutbox);
  const rows = await db
    .select({
      id: mailOutbox.id,
      recipient: mailOutbox.recipient,
      subject: mailOutbox.subject,
      kind: mailOutbox.kind,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), mailOutbox.id)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { rows, total };
}

export async function readOutboxMessage(db: DbOrTx, keyring: Keyring, id: string) {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  if (!row) return null;
  return {
    id: row.id,
    recipient: row.recipient,
    subject: row.subject,
    kind: row.kind,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    text: row.bodyEnvelope ? keyring.decryptString(row.bodyEnvelope, bodyAad(row.id)) : null,
  };
}
