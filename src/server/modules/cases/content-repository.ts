import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { people } from '../people/db.ts';
import { caseAttachments, caseGrants, caseMessages, caseNotes } from './db.ts';

/** The SQL of what is said and shared in a case: messages, notes, files and grants. */

export async function messagesOf(db: DbOrTx, caseId: string) {
  return db
    .select({ message: caseMessages, authorName: people.displayName })
    .from(caseMessages)
    .leftJoin(people, eq(people.id, caseMessages.authorId))
    .where(eq(caseMessages.caseId, caseId))
    .orderBy(asc(caseMessages.createdAt));
}

export async function insertMessage(tx: Tx, message: typeof caseMessages.$inferInsert): Promise<void> {
  await tx.insert(caseMessages).values(message);
}

export async function notesOf(db: DbOrTx, caseId: string) {
  return db
    .select({ note: caseNotes, authorName: people.displayName })
    .from(caseNotes)
    .leftJoin(people, eq(people.id, caseNotes.authorId))
    .where(eq(caseNotes.caseId, caseId))
    .orderBy(asc(caseNotes.createdAt));
}

export async function insertNote(tx: Tx, note: typeof caseNotes.$inferInsert): Promise<void> {
  await tx.insert(caseNotes).values(note);
}

/** Bytes of files the case holds already (checked under the case's row lock). */
export async function attachmentBytes(tx: Tx, caseId: string): Promise<number> {
  const [total] = await tx
    .select({ bytes: sql<number>`coalesce(sum(${caseAttachments.size}), 0)::int` })
    .from(caseAttachments)
    .where(eq(caseAttachments.caseId, caseId));
  return total?.bytes ?? 0;
}

export async function insertAttachment(tx: Tx, attachment: typeof caseAttachments.$inferInsert): Promise<void> {
  await tx.insert(caseAttachments).values(attachment);
}

/** The files of a case without their contents, oldest first. */
export async function attachmentsOf(db: DbOrTx, caseId: string) {
  return db
    .select({
      id: caseAttachments.id,
      nameEnvelope: caseAttachments.nameEnvelope,
      contentType: caseAttachments.contentType,
      size: caseAttachments.size,
      createdAt: caseAttachments.createdAt,
      fromRequester: caseAttachments.fromRequester,
      evidenceOriginal: caseAttachments.evidenceOriginal,
      metadataRemoved: caseAttachments.metadataRemoved,
      uploadedByName: people.displayName,
    })
    .from(caseAttachments)
    .leftJoin(people, eq(people.id, caseAttachments.uploadedBy))
    .where(eq(caseAttachments.caseId, caseId))
    .orderBy(asc(caseAttachments.createdAt));
}

/** One file of this case (an id of another case's file finds nothing). */
export async function attachmentOf(db: DbOrTx, caseId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(caseAttachments)
    .where(and(eq(caseAttachments.id, attachmentId), eq(caseAttachments.caseId, caseId)));
  return row;
}

export async function insertGrant(tx: Tx, grant: typeof caseGrants.$inferInsert): Promise<string> {
  const [row] = await tx.insert(caseGrants).values(grant).returning({ id: caseGrants.id });
  return row?.id ?? '';
}

export async function updateGrant(tx: Tx, grantId: string, patch: Partial<typeof caseGrants.$inferInsert>) {
  await tx.update(caseGrants).set(patch).where(eq(caseGrants.id, grantId));
}
