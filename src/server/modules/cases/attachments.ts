import { randomUUID } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, type CaseAttachment } from '../../../shared/cases.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { requireCaseAccess } from './access.ts';
import { attachmentBytes, attachmentOf, attachmentsOf, insertAttachment } from './content-repository.ts';
import { caseAad } from './crypto.ts';
import type { CaseCore } from './facade.ts';
import { type AttachmentType, inspectUpload } from './files.ts';
import { displayNameOf, loadCase } from './repository.ts';

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
  core: CaseCore,
  ctx: ServiceContext,
  caseId: string,
  upload: { bytes: Buffer; fileName: string; evidence: boolean },
): Promise<CaseAttachment> {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  // Access first (cheap, and nobody learns about file rules for a case they cannot see).
  requireCaseAccess(
    actor,
    await loadCase(core.deps.uow.db, core.registry, caseId),
    'upload_attachment',
    core.deps.uow.now(),
  );
  if (upload.bytes.length > ATTACHMENT_MAX_BYTES) throw attachmentTooLarge();
  return core.withCase(ctx, caseId, 'upload_attachment', async (c) => {
    const { definition } = c.state;
    const keepOriginal = upload.evidence && definition.attachments.evidence;
    const file = await inspectUpload(upload.bytes, upload.fileName, { keepOriginal });
    if ((await attachmentBytes(c.tx, caseId)) + file.bytes.length > definition.settings.attachmentsMaxTotalBytes) {
      throw caseQuotaExceeded(definition.settings.attachmentsMaxTotalBytes);
    }
    const id = randomUUID();
    const fromRequester = c.relations.has('owner');
    await insertAttachment(c.tx, {
      id,
      caseId,
      uploadedBy: actor.personId,
      fromRequester,
      nameEnvelope: core.keyring.encrypt(file.fileName, caseAad.attachmentName(id)),
      contentType: file.type,
      size: file.bytes.length,
      contentEnvelope: core.keyring.encryptBinary(file.bytes, caseAad.attachmentContent(id)),
      evidenceOriginal: file.evidenceOriginal,
      metadataRemoved: file.metadataRemoved,
      createdAt: c.now,
    });
    await c.event('attachment_added', 'requester', {
      details: { contentType: file.type, evidence: file.evidenceOriginal },
    });
    await c.audit('case.attachment_added', {
      attachment: id,
      contentType: file.type,
      metadataRemoved: file.metadataRemoved,
      evidence: file.evidenceOriginal,
    });
    await c.notify(fromRequester ? c.state.assignees.map((a) => a.personId) : c.otherSide(), 'case_update');
    return {
      id,
      fileName: file.fileName,
      contentType: file.type,
      size: file.bytes.length,
      uploadedAt: c.now.toISOString(),
      uploadedByName: await displayNameOf(c.tx, actor.personId),
      fromRequester,
      evidenceOriginal: file.evidenceOriginal,
      metadataRemoved: file.metadataRemoved,
    };
  });
}

export function listAttachments(core: CaseCore, ctx: ServiceContext, caseId: string) {
  return core.readCase(ctx, caseId, 'read_attachments', async (c) => {
    const rows = await attachmentsOf(c.tx, caseId);
    await c.auditRead('case.attachments_listed', { count: rows.length });
    const attachments: CaseAttachment[] = rows.map((row) => ({
      id: row.id,
      fileName: core.keyring.decryptString(row.nameEnvelope, caseAad.attachmentName(row.id)),
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
      maxTotalBytes: c.state.definition.settings.attachmentsMaxTotalBytes,
    };
  });
}

/** The decrypted file for a download; audited for everyone but the requester. */
export function readAttachment(core: CaseCore, ctx: ServiceContext, caseId: string, attachmentId: string) {
  return core.readCase(ctx, caseId, 'read_attachments', async (c) => {
    const row = await attachmentOf(c.tx, caseId, attachmentId);
    if (!row) throw notFound();
    await c.auditRead('case.attachment_downloaded', { attachment: attachmentId });
    return {
      fileName: core.keyring.decryptString(row.nameEnvelope, caseAad.attachmentName(row.id)),
      contentType: row.contentType as AttachmentType,
      bytes: core.keyring.decrypt(row.contentEnvelope, caseAad.attachmentContent(row.id)),
    };
  });
}
