import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { ATTACHMENT_MAX_BYTES, type CaseAttachment } from '../../../shared/cases.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { people } from '../people/db.ts';
import { loadCase, relationsTo, requireCaseAccess } from './access.ts';
import { type CaseDeps, inCaseTransaction, notifyAboutCase } from './context.ts';
import { caseAad } from './crypto.ts';
import { caseAttachments } from './db.ts';
import { type AttachmentType, inspectUpload } from './files.ts';
import { addEvent, auditCase, auditRead } from './service.ts';

export const attachmentTooLarge = () =>
  new AppError(413, 'attachment_too_large', 'Content Too Large', 'The file is larger than 10 MB.');
export const caseQuotaExceeded = (maxBytes: number) =>
  new AppError(
    413,
    'case_attachments_full',
    'Content Too Large',
    `This case cannot hold more files (${Math.round(maxBytes / (1024 * 1024))} MB in all).`,
  );

/**
 * Adds a file to a case. The checks (type from the bytes, name, pixels, metadata) happen before the
 * transaction; inside it the per-case total is checked under the case's row lock, so two uploads at
 * once cannot both squeeze under the limit.
 */
export async function addAttachment(
  deps: CaseDeps,
  ctx: ServiceContext,
  caseId: string,
  upload: { bytes: Buffer; fileName: string; evidence: boolean },
): Promise<CaseAttachment> {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const now = deps.now();
  // Access first (cheap, and nobody learns about file rules for a case they cannot see).
  {
    const loaded = await loadCase(deps.db, deps.registry, caseId);
    requireCaseAccess(actor, loaded, 'upload_attachment', now);
  }
  if (upload.bytes.length > ATTACHMENT_MAX_BYTES) throw attachmentTooLarge();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'upload_attachment', now);
    const keepOriginal = upload.evidence && loaded.definition.attachments.evidence;
    const file = await inspectUpload(upload.bytes, upload.fileName, { keepOriginal });
    const [total] = await tx
      .select({ bytes: sql<number>`coalesce(sum(${caseAttachments.size}), 0)::int` })
      .from(caseAttachments)
      .where(eq(caseAttachments.caseId, caseId));
    if ((total?.bytes ?? 0) + file.bytes.length > loaded.definition.settings.attachmentsMaxTotalBytes) {
      throw caseQuotaExceeded(loaded.definition.settings.attachmentsMaxTotalBytes);
    }
    const id = randomUUID();
    const fromRequester = relationsTo(actor, loaded).has('owner');
    await tx.insert(caseAttachments).values({
      id,
      caseId,
      uploadedBy: actor.personId,
      fromRequester,
      nameEnvelope: deps.keyring.encrypt(file.fileName, caseAad.attachmentName(id)),
      contentType: file.type,
      size: file.bytes.length,
      contentEnvelope: deps.keyring.encryptBinary(file.bytes, caseAad.attachmentContent(id)),
      evidenceOriginal: file.evidenceOriginal,
      metadataRemoved: file.metadataRemoved,
      createdAt: now,
    });
    await addEvent(tx, caseId, {
      kind: 'attachment_added',
      actorId: actor.personId,
      visibility: 'requester',
      details: { contentType: file.type, evidence: file.evidenceOriginal },
      at: now,
    });
    await auditCase(tx, ctx, loaded.row, 'case.attachment_added', {
      attachment: id,
      contentType: file.type,
      metadataRemoved: file.metadataRemoved,
      evidence: file.evidenceOriginal,
    });
    const audience = fromRequester
      ? loaded.assignees.map((a) => a.personId)
      : loaded.row.requesterId
        ? [loaded.row.requesterId]
        : [];
    await notifyAboutCase(deps, tx, effects, audience, 'case_update', caseId);
    const [name] = await tx
      .select({ displayName: people.displayName })
      .from(people)
      .where(eq(people.id, actor.personId));
    return {
      id,
      fileName: file.fileName,
      contentType: file.type,
      size: file.bytes.length,
      uploadedAt: now.toISOString(),
      uploadedByName: name?.displayName ?? null,
      fromRequester,
      evidenceOriginal: file.evidenceOriginal,
      metadataRemoved: file.metadataRemoved,
    };
  });
}

export async function listAttachments(deps: CaseDeps, ctx: ServiceContext, caseId: string) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId);
    requireCaseAccess(actor, loaded, 'read_attachments', deps.now());
    const rows = await tx
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
    await auditRead(tx, ctx, loaded.row, 'case.attachments_listed', { count: rows.length });
    const attachments: CaseAttachment[] = rows.map((row) => ({
      id: row.id,
      fileName: deps.keyring.decryptString(row.nameEnvelope, caseAad.attachmentName(row.id)),
      contentType: row.contentType as AttachmentType,
      size: row.size,
      uploadedAt: row.createdAt.toISOString(),
      uploadedByName: row.uploadedByName,
      fromRequester: row.fromRequester,
      evidenceOriginal: row.evidenceOriginal,
      metadataRemoved: row.metadataRemoved,
    }));
    return {
      attachments,
      totalBytes: attachments.reduce((sum, attachment) => sum + attachment.size, 0),
      maxTotalBytes: loaded.definition.settings.attachmentsMaxTotalBytes,
    };
  });
}

/** The decrypted file for a download; audited for everyone but the requester. */
export async function readAttachment(deps: CaseDeps, ctx: ServiceContext, caseId: string, attachmentId: string) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId);
    requireCaseAccess(actor, loaded, 'read_attachments', deps.now());
    const [row] = await tx
      .select()
      .from(caseAttachments)
      .where(and(eq(caseAttachments.id, attachmentId), eq(caseAttachments.caseId, caseId)));
    if (!row) throw notFound();
    await auditRead(tx, ctx, loaded.row, 'case.attachment_downloaded', { attachment: attachmentId });
    return {
      fileName: deps.keyring.decryptString(row.nameEnvelope, caseAad.attachmentName(row.id)),
      contentType: row.contentType as AttachmentType,
      bytes: deps.keyring.decrypt(row.contentEnvelope, caseAad.attachmentContent(row.id)),
    };
  });
}
