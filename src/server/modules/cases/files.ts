import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_NAME_MAX_LENGTH, ATTACHMENT_TYPES } from '../../../shared/cases.ts';
import { AppError } from '../../lib/errors.ts';
import { MalformedImageError, stripJpegMetadata, stripPngMetadata } from './image-metadata.ts';

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

const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|iframe|\?xml|object|embed|meta)\b/i;

/** Plain UTF-8 text: decodes strictly, no NUL or control characters but tab, newlines and form feed, no markup. */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !MARKUP.test(text.replace(/^\ufeff/, ''));
}

/** The allowed type of these bytes, or null. */
export async function detectType(bytes: Uint8Array): Promise<AttachmentType | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    return (ATTACHMENT_TYPES as readonly string[]).includes(detected.mime) ? (detected.mime as AttachmentType) : null;
  }
  return bytes.length > 0 && isPlainText(bytes) ? 'text/plain' : null;
}

/**
 * A safe label from whatever the client sent: the last path segment only, Unicode-normalised, without
 * control, bidi-override or zero-width characters, only letters, digits, space and `._()-`, no leading
 * dots, at most ATTACHMENT_NAME_MAX_LENGTH characters with the extension kept.
 */
export function sanitiseFileName(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters
  name = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  name = name.replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '');
  name = name.replace(/[^\p{L}\p{N} ._()-]/gu, '_');
  name = name
    .replace(/\s+/g, ' ')
    .replace(/_+/g, '_')
    .replace(/\.{2,}/g, '.');
  name = name.replace(/^[\s._-]+/, '').replace(/[\s.]+$/, '');
  if ([...name].length > ATTACHMENT_NAME_MAX_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
    const base = [...name.slice(0, dot > 0 && ext ? dot : name.length)]
      .slice(0, ATTACHMENT_NAME_MAX_LENGTH - ext.length)
      .join('')
      .trimEnd();
    name = `${base}${ext}`;
  }
  return name;
}

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
