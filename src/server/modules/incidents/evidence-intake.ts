import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import { EVIDENCE_TYPES, type EvidenceKind, type EvidenceType } from '../../../shared/incidents.ts';
import { contextAad, type Keyring, sealStream } from '../../lib/crypto/index.ts';
import { AppError } from '../../lib/errors.ts';
import { sanitiseFileName } from '../../lib/uploads/file-names.ts';
import { MalformedImageError, stripJpegMetadata, stripPngMetadata } from '../../lib/uploads/image-metadata.ts';
import type { EvidenceStore } from './evidence-store.ts';

/**
 * Evidence intake, streamed: the upload flows through the type check, the hashes and the encryption
 * straight into a part file, so memory stays a chunk (images, at most 20 MB, are held whole: their
 * structure must be checked before they are accepted). What the person sent is what is hashed and
 * kept: the SHA-256 is of the exact bytes received, and the stored original is those bytes.
 *
 * The type comes from the content only (file-type's signatures in the first 64 KiB; an e-mail by its
 * RFC 5322 header block), must be on the list in src/shared/incidents.ts, and the file name's extension
 * may not claim another type. A refused file leaves nothing behind: the caller removes the part.
 */

const HEAD_BYTES = 64 * 1024;
const MAX_IMAGE_PIXELS = 40_000_000;

export const evidenceAad = {
  content: (id: string) => contextAad('incident_evidence', 'content', id),
  label: (id: string) => contextAad('incident_evidence', 'label', id),
};

export const unsupportedEvidence = () =>
  new AppError(
    415,
    'evidence_type_not_allowed',
    'Unsupported Media Type',
    'This kind of file cannot be kept as evidence. Allowed: photos (JPEG, PNG), PDF, e-mail (.eml), audio and short video.',
  );
export const evidenceTypeMismatch = () =>
  new AppError(
    415,
    'evidence_type_mismatch',
    'Unsupported Media Type',
    'The file name says one kind of file, but the content is another.',
  );
export const evidenceTooLarge = (maxBytes: number) =>
  new AppError(
    413,
    'evidence_too_large',
    'Content Too Large',
    `This file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB.`,
  );
export const evidenceEmpty = () => new AppError(400, 'evidence_empty', 'Bad Request', 'The file is empty.');
export const evidenceUnreadable = () =>
  new AppError(400, 'evidence_unreadable', 'Bad Request', 'The file is damaged or could not be read.');
const tooManyPixels = () =>
  new AppError(413, 'evidence_too_many_pixels', 'Content Too Large', 'The image has too many pixels.');

/** Header names of an RFC 5322 message; an .eml file starts with a block of these. */
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:[ \t]?[^\r\n]*$/;
const MAIL_HEADERS = ['from', 'to', 'subject', 'date', 'message-id', 'received', 'mime-version', 'return-path'];

/** True when the bytes start like an e-mail message: header lines (with continuations), then a blank line. */
export function looksLikeEmail(head: Buffer): boolean {
  const text = head.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  if (end <= 0) return false;
  const lines = text.slice(0, end).split(/\r?\n/);
  if (!HEADER_LINE.test(lines[0] ?? '')) return false;
  const names = new Set<string>();
  for (const line of lines) {
    if (/^[ \t]/.test(line)) continue; // a folded continuation
    if (!HEADER_LINE.test(line)) return false;
    names.add(line.slice(0, line.indexOf(':')).toLowerCase());
  }
  const known = MAIL_HEADERS.filter((name) => names.has(name));
  return names.has('from') && known.length >= 3;
}

/** The accepted type of a file's first bytes, or null. */
export async function detectEvidenceType(head: Buffer): Promise<EvidenceType | null> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    const mime = detected.mime.split(';')[0]?.trim() ?? '';
    const normalised = mime === 'audio/opus' ? 'audio/ogg' : mime;
    return normalised in EVIDENCE_TYPES ? (normalised as EvidenceType) : null;
  }
  return looksLikeEmail(head) ? 'message/rfc822' : null;
}

/** The label to keep: sanitised, with an extension that fits the type; throws when the name claims another type. */
export function evidenceFileName(raw: string, type: EvidenceType): string {
  const sanitised = sanitiseFileName(raw, 120);
  const allowed: readonly string[] = EVIDENCE_TYPES[type].extensions;
  const dot = sanitised.lastIndexOf('.');
  const extension = dot > 0 ? sanitised.slice(dot + 1).toLowerCase() : '';
  const base = dot > 0 ? sanitised.slice(0, dot) : sanitised;
  const known = Object.values(EVIDENCE_TYPES).some((entry) =>
    (entry.extensions as readonly string[]).includes(extension),
  );
  const claimsOther = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'docx', 'txt', 'html', 'svg', 'exe', 'zip'].includes(
    extension,
  );
  if (extension && (known || claimsOther) && !allowed.includes(extension)) throw evidenceTypeMismatch();
  if (extension && allowed.includes(extension)) return `${base || 'bewijs'}.${extension}`;
  return `${sanitised || 'bewijs'}.${allowed[0]}`;
}

/** Holds the head until the type is known (images: the whole file), then lets bytes through unchanged. */
class Inspector extends Transform {
  type: EvidenceType | null = null;
  hasMetadata = false;
  #held: Buffer[] = [];
  #heldBytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.type && !isImage(this.type)) {
      callback(null, chunk);
      return;
    }
    this.#held.push(chunk);
    this.#heldBytes += chunk.length;
    if (this.type) {
      // An image is held whole; stop before a hostile one fills the memory.
      if (this.#heldBytes > EVIDENCE_TYPES[this.type].maxBytes)
        callback(evidenceTooLarge(EVIDENCE_TYPES[this.type].maxBytes));
      else callback();
      return;
    }
    if (this.#heldBytes < HEAD_BYTES) {
      callback();
      return;
    }
    this.#decide().then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    (async () => {
      if (this.#heldBytes === 0) throw evidenceEmpty();
      if (!this.type) await this.#decide();
      if (this.type && isImage(this.type)) this.#checkImage();
      this.#release();
    })().then(() => callback(), callback);
  }

  async #decide(): Promise<void> {
    const head = Buffer.concat(this.#held);
    this.#held = [head];
    this.type = await detectEvidenceType(head);
    if (!this.type) throw unsupportedEvidence();
    if (!isImage(this.type)) this.#release();
  }

  #checkImage(): void {
    const whole = Buffer.concat(this.#held);
    this.#held = [whole];
    try {
      const clean = this.type === 'image/png' ? stripPngMetadata(whole) : stripJpegMetadata(whole);
      if (clean.width * clean.height > MAX_IMAGE_PIXELS) throw tooManyPixels();
      this.hasMetadata = clean.removed;
    } catch (error) {
      if (error instanceof MalformedImageError) throw evidenceUnreadable();
      throw error;
    }
  }

  #release(): void {
    for (const part of this.#held) this.push(part);
    this.#held = [];
  }
}

const isImage = (type: EvidenceType) => EVIDENCE_TYPES[type].kind === 'image';

/** Counts, hashes (SHA-256 and CRC-32) and enforces the type's size limit on the exact bytes. */
class Fingerprint extends Transform {
  size = 0;
  crc = 0;
  readonly #sha = createHash('sha256');

  private readonly inspector: Inspector;

  constructor(inspector: Inspector) {
    super();
    this.inspector = inspector;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    const type = this.inspector.type;
    if (type && this.size > EVIDENCE_TYPES[type].maxBytes) {
      callback(evidenceTooLarge(EVIDENCE_TYPES[type].maxBytes));
      return;
    }
    this.#sha.update(chunk);
    this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }

  sha256(): string {
    return this.#sha.digest('hex');
  }
}

export interface ReceivedEvidence {
  id: string;
  type: EvidenceType;
  kind: EvidenceKind;
  fileName: string;
  size: number;
  sha256: string;
  crc32: number;
  hasMetadata: boolean;
  keyEnvelope: string;
}

/**
 * Streams an upload into `incoming/<id>.part`, encrypted. Resolves once every byte is on its way to disk;
 * the caller commits the part (EvidenceStore.commitPart) inside the transaction that writes the row, and
 * removes the part when anything fails.
 */
export async function receiveEvidence(
  keyring: Keyring,
  store: EvidenceStore,
  id: string,
  source: Readable,
  rawName: string,
  isTruncated: () => boolean = () => false,
): Promise<ReceivedEvidence> {
  const inspector = new Inspector();
  const fingerprint = new Fingerprint(inspector);
  const { keyEnvelope, encryptor } = sealStream(keyring, evidenceAad.content(id));
  await pipeline(source, inspector, fingerprint, encryptor, store.createPart(id));
  const type = inspector.type;
  if (!type) throw unsupportedEvidence();
  // The multipart limit cut the upload short: what arrived is not the whole file.
  if (isTruncated()) throw evidenceTooLarge(EVIDENCE_TYPES[type].maxBytes);
  const fileName = evidenceFileName(rawName, type);
  return {
    id,
    type,
    kind: EVIDENCE_TYPES[type].kind,
    fileName,
    size: fingerprint.size,
    sha256: fingerprint.sha256(),
    crc32: fingerprint.crc >>> 0,
    hasMetadata: inspector.hasMetadata,
    keyEnvelope,
  };
}

/**
 * What goes wrong inside a multipart body (cut off, malformed headers, too many parts) is the client's
 * upload, not the server: a 400 (or 413 for size), never a 500. System errors (a full disk) stay errors.
 */
export function uploadProblem(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (/^E[A-Z]+$/.test(code)) return error;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT') {
    return new AppError(
      413,
      'evidence_too_large',
      'Content Too Large',
      'The upload is too large or has too many parts.',
    );
  }
  return new AppError(400, 'evidence_unreadable', 'Bad Request', 'The upload could not be read.');
}
