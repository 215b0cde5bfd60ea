import { count, desc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { mailOutbox } from './db.ts';
import { deliverDue, mailAttachmentsAad, mailBodyAad } from './delivery.ts';
import type { MailAttachment, MailTransport } from './transport.ts';

/** Kinds of mail; the body is always a notice and a link, never case content. */
export type MailKind = 'invitation' | 'credentials_changed' | 'setup' | 'notice';

const bodyAad = mailBodyAad;
const attachmentsAad = mailAttachmentsAad;

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

/** One delivery pass with the real clock (the CLI, which has no app); see deliverDue. */
export async function deliverPending(db: DbOrTx, keyring: Keyring, transport: MailTransport): Promise<number> {
  return (await deliverDue(db, keyring, transport, { now: () => new Date() })).delivered;
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
