import { z } from 'zod';
import { sensitive } from './sensitive.ts';

/** Files of a case (part of the case core's API, src/shared/cases.ts, which re-exports this). */

const isoDateTime = z.iso.datetime();

// ---------------------------------------------------------------------------------------------------
// Attachments: POST multipart/form-data with one part named `file`; `?evidence=true` keeps an image byte for
// byte (support cases only; otherwise location and other metadata are removed)
// ---------------------------------------------------------------------------------------------------

/** Allowed content, checked on the bytes (not the name or the declared type). */
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const CASE_ATTACHMENTS_MAX_TOTAL_BYTES = 50 * 1024 * 1024;
export const ATTACHMENT_NAME_MAX_LENGTH = 120;

export const attachmentSchema = z.object({
  id: z.uuid(),
  /** Sanitised name as stored (encrypted at rest); the download uses it. */
  fileName: sensitive(z.string()),
  contentType: z.enum(ATTACHMENT_TYPES),
  size: z.number().int().min(0),
  uploadedAt: isoDateTime,
  uploadedByName: z.string().nullable(),
  fromRequester: z.boolean(),
  /** Kept byte for byte as evidence (no metadata removed). */
  evidenceOriginal: z.boolean(),
  /** Location and other metadata were removed from the image. */
  metadataRemoved: z.boolean(),
});
export const attachmentsResponseSchema = z.object({
  attachments: z.array(attachmentSchema),
  totalBytes: z.number().int(),
  maxTotalBytes: z.number().int(),
});
export type CaseAttachment = z.infer<typeof attachmentSchema>;
