import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_NAME_MAX_LENGTH, ATTACHMENT_TYPES } from '../../../shared/cases.ts';
import { AppError } from '../../lib/errors.ts';
import { isPlainText, sanitiseFileName as sanitiseLabel } from '../../lib/uploads/file-names.ts';
import { MalformedImageError, stripJpegMetadata, stripPngMetadata } from '../../lib/uploads/image-metadata.ts';

/** Moved to src/server/lib/uploads (shared with the incidents module); re-exported for the case modules. */
export { isPlainText };

/**
 * Upload checks (ASVS V5): the type comes from the bytes (file-type's magic numbers, or a strict UTF-8
 * check for plain text) and must be on the allowlist; the name's extension must agree with it; images
 * have a pixel limit and lose their metadata unless kept as evidence. The client's file name is only
 * ever a label: sanitised, encrypted, and used for the download's Content-Disposition.
 */

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Extensions accepted per type; the first is used when the name has none. */
export const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'text/plain': ['txt'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
};

/** Above this an image is refused (decompression bombs, V5.2.6). */
export const MAX_IMAGE_PIXELS = 40_000_000;

export const unsupportedType = () =>
  new AppError(
    415,
    'attachment_type_not_allowed',
    'Unsupported Media Type',
    'This kind of file cannot be added. Allowed: PDF, PNG, JPEG, plain text and Word (.docx).',
  );
export const typeMismatch = () =>
  new AppError(
    415,
    'attachment_type_mismatch',
    'Unsupported Media Type',
    'The file name says one kind of file, but the content is another.',
  );
const unreadable = () =>
  new AppError(400, 'attachment_unreadable', 'Bad Request', 'The file is damaged or could not be read.');
const tooManyPixels = () =>
  new AppError(413, 'attachment_too_many_pixels', 'Content Too Large', 'The image has too many pixels.');

/** The allowed type of these bytes, or null. */
export async function detectType(bytes: Uint8Array): Promise<AttachmentType | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    return (ATTACHMENT_TYPES as readonly string[]).includes(detected.mime) ? (detected.mime as AttachmentType) : null;
  }
  return bytes.length > 0 && isPlainText(bytes) ? 'text/plain' : null;
}

/** A safe label from whatever the client sent (see lib/uploads/file-names.ts), cut to the attachments' length. */
export const sanitiseFileName = (raw: string): string => sanitiseLabel(raw, ATTACHMENT_NAME_MAX_LENGTH);

/** The name with an extension that fits the type; throws when the name claims another type. */
export function nameForType(sanitised: string, type: AttachmentType): string {
  const allowed = EXTENSIONS[type];
  const dot = sanitised.lastIndexOf('.');
  const extension = dot > 0 ? sanitised.slice(dot + 1).toLowerCase() : '';
  const base = dot > 0 ? sanitised.slice(0, dot) : sanitised;
  const isKnownExtension = Object.values(EXTENSIONS).some((list) => list.includes(extension));
  if (extension && isKnownExtension && !allowed.includes(extension)) throw typeMismatch();
  // An unknown extension ("brief.v2", "foto.heic") stays part of the label; the right one is appended.
  if (extension && allowed.includes(extension)) return `${base || 'bijlage'}.${extension}`;
  return `${sanitised || 'bijlage'}.${allowed[0]}`;
}

export interface InspectedFile {
  type: AttachmentType;
  fileName: string;
  /** What is stored: cleaned, or the original when kept as evidence. */
  bytes: Buffer;
  metadataRemoved: boolean;
  evidenceOriginal: boolean;
}

/** Checks an upload and prepares what is stored. Throws an AppError with a stable code when refused. */
export async function inspectUpload(
  original: Buffer,
  rawName: string,
  options: { keepOriginal: boolean },
): Promise<InspectedFile> {
  const type = await detectType(original);
  if (!type) throw unsupportedType();
  const fileName = nameForType(sanitiseFileName(rawName), type);
  if (type !== 'image/png' && type !== 'image/jpeg') {
    return { type, fileName, bytes: original, metadataRemoved: false, evidenceOriginal: false };
  }
  let clean: ReturnType<typeof stripPngMetadata>;
  try {
    clean = type === 'image/png' ? stripPngMetadata(original) : stripJpegMetadata(original);
  } catch (error) {
    if (error instanceof MalformedImageError) throw unreadable();
    throw error;
  }
  if (clean.width * clean.height > MAX_IMAGE_PIXELS) throw tooManyPixels();
  if (options.keepOriginal) {
    return { type, fileName, bytes: original, metadataRemoved: false, evidenceOriginal: true };
  }
  return { type, fileName, bytes: clean.bytes, metadataRemoved: clean.removed, evidenceOriginal: false };
}
