/**
 * Removes location and other metadata from JPEG and PNG files without decoding the image (no pixel
 * is touched): a photo of a threatening letter must not tell where and with which phone it was taken
 * (ASVS V14.2.8). Also reads the dimensions, for the pixel limit against decompression bombs.
 *
 * JPEG: the file is walked segment by segment (also past the scans of a progressive JPEG). Kept: APP0
 * (JFIF), APP2 ICC colour profiles and APP14 (Adobe colour transform) and every non-APP segment the image
 * needs. Dropped: APP1 (Exif with GPS, XMP), APP13 (Photoshop/IPTC), every other APPn (maker notes,
 * MPF with embedded previews that carry their own Exif), COM comments, and anything after EOI.
 *
 * PNG: the file is walked chunk by chunk. Dropped: eXIf, tEXt, iTXt (XMP), zTXt, and anything after
 * IEND. Everything else is copied unchanged (the CRCs stay valid because chunks are copied whole).
 *
 * A file that does not parse is refused (MalformedImageError): the upload fails rather than storing
 * something we could not clean.
 */

export class MalformedImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedImageError';
  }
}

export interface CleanImage {
  bytes: Buffer;
  width: number;
  height: number;
  /** True when something was removed. */
  removed: boolean;
  /** What was removed, e.g. ['APP1', 'COM'] or ['eXIf', 'tEXt']. */
  removedKinds: string[];
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt']);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE);
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function stripPngMetadata(input: Uint8Array): CleanImage {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isPng(buf)) throw new MalformedImageError('not a PNG');
  const kept: Buffer[] = [PNG_SIGNATURE];
  const removedKinds: string[] = [];
  let width = 0;
  let height = 0;
  let offset = 8;
  let sawEnd = false;
  let first = true;
  while (offset < buf.length) {
    if (offset + 12 > buf.length) throw new MalformedImageError('truncated chunk');
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new MalformedImageError('bad chunk type');
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > buf.length) throw new MalformedImageError('chunk beyond end of file');
    if (first) {
      if (type !== 'IHDR' || length !== 13) throw new MalformedImageError('IHDR must come first');
      width = buf.readUInt32BE(offset + 8);
      height = buf.readUInt32BE(offset + 12);
      first = false;
    }
    if (PNG_DROP.has(type)) removedKinds.push(type);
    else kept.push(buf.subarray(offset, end));
    offset = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) throw new MalformedImageError('no IEND');
  if (offset < buf.length) removedKinds.push('trailing-data');
  return { bytes: Buffer.concat(kept), width, height, removed: removedKinds.length > 0, removedKinds };
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;

const isStandalone = (marker: number) => (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
/** Start-of-frame markers (not DHT C4, JPG C8, DAC CC), where the dimensions are. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function keepAppSegment(marker: number, segment: Buffer): boolean {
  // Identifier strings start after FF xx LL LL.
  const id = segment.toString('latin1', 4, Math.min(segment.length, 16));
  if (marker === APP0) return id.startsWith('JFIF\0') || id.startsWith('JFXX\0');
  if (marker === APP2) return id.startsWith('ICC_PROFILE\0');
  if (marker === APP14) return id.startsWith('Adobe');
  return false;
}

export function stripJpegMetadata(input: Uint8Array): CleanImage {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isJpeg(buf)) throw new MalformedImageError('not a JPEG');
  const kept: Buffer[] = [buf.subarray(0, 2)];
  const removedKinds: string[] = [];
  let width = 0;
  let height = 0;
  let offset = 2;
  let sawScan = false;
  for (;;) {
    if (offset + 1 >= buf.length) throw new MalformedImageError('no end of image');
    if (buf[offset] !== 0xff) throw new MalformedImageError('expected a marker');
    // Fill bytes: any number of 0xFF before the marker code.
    while (buf[offset + 1] === 0xff && offset + 2 < buf.length) offset++;
    const marker = buf[offset + 1] ?? 0;
    if (marker === SOI || marker === 0x00) throw new MalformedImageError('unexpected marker');
    // Reserved (0x02–0xBF) and JPEG-extension (0xF0–0xFD) markers have no place in a photo; kept, their
    // segment could carry anything past the filter (a mangled APP1 becomes one), so the file is refused.
    if ((marker >= 0x02 && marker <= 0xbf) || (marker >= 0xf0 && marker <= 0xfd)) {
      throw new MalformedImageError('reserved marker');
    }
    if (marker === EOI) {
      kept.push(buf.subarray(offset, offset + 2));
      offset += 2;
      break;
    }
    if (isStandalone(marker)) {
      kept.push(buf.subarray(offset, offset + 2));
      offset += 2;
      continue;
    }
    if (offset + 4 > buf.length) throw new MalformedImageError('truncated segment');
    const length = buf.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > buf.length) throw new MalformedImageError('segment beyond end of file');
    const segment = buf.subarray(offset, end);
    if (isStartOfFrame(marker) && length >= 8) {
      height = buf.readUInt16BE(offset + 5);
      width = buf.readUInt16BE(offset + 7);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if ((isApp && !keepAppSegment(marker, segment)) || marker === COM) {
      removedKinds.push(marker === COM ? 'COM' : `APP${marker - 0xe0}`);
    } else {
      kept.push(segment);
    }
    offset = end;
    if (marker === SOS) {
      sawScan = true;
      // Entropy-coded data runs until a marker that is not a stuffed 0xFF00 or a restart marker.
      const start = offset;
      while (offset + 1 < buf.length) {
        if (buf[offset] === 0xff) {
          const next = buf[offset + 1] ?? 0;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        offset++;
      }
      if (offset + 1 >= buf.length) throw new MalformedImageError('scan runs past the end');
      kept.push(buf.subarray(start, offset));
    }
  }
  if (!sawScan) throw new MalformedImageError('no image data');
  if (width === 0 || height === 0) throw new MalformedImageError('no dimensions');
  if (offset < buf.length) removedKinds.push('trailing-data');
  return { bytes: Buffer.concat(kept), width, height, removed: removedKinds.length > 0, removedKinds };
}

/** Dimensions only, without changing anything (for evidence originals, which are kept as they are). */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } {
  const clean = isPng(bytes) ? stripPngMetadata(bytes) : stripJpegMetadata(bytes);
  return { width: clean.width, height: clean.height };
}
