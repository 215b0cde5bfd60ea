import { crc32, deflateSync } from 'node:zlib';

/**
 * Image and document fixtures built in code (no binary files in the repository), for the metadata and
 * upload tests. The JPEG base is a minimal 1×1 grey JPEG (arithmetic coding, SOF9), 125 bytes.
 */

export const BASE_JPEG = Buffer.from(
  'ffd8ffe000104a46494600010101004800480000' +
    'ffdb004300030202020202030202020303030304060404040404080606050609080a0a090809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f101010' +
    'ffc9000b080001000101011100' +
    'ffcc000600101005' +
    'ffda0008010100003f00d2cf20' +
    'ffd9',
  'hex',
);

/** Where the metadata goes: right after the APP0 (JFIF) segment. */
const AFTER_APP0 = 20;

function segment(marker: number, payload: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(payload.length + 2);
  return Buffer.concat([Buffer.from([0xff, marker]), length, payload]);
}

/** A big-endian TIFF (Exif) block with Make, Model and a GPS IFD: 52°5'30" N, 5°7'12" E (Utrecht). */
export function exifWithGps(): Buffer {
  const entries: Buffer[] = [];
  const data: Buffer[] = [];
  // Layout: header (8) | IFD0 (2 + 3*12 + 4) | GPS IFD (2 + 4*12 + 4) | data area.
  const ifd0Offset = 8;
  const ifd0Size = 2 + 3 * 12 + 4;
  const gpsOffset = ifd0Offset + ifd0Size;
  const gpsSize = 2 + 4 * 12 + 4;
  let dataOffset = gpsOffset + gpsSize;
  const entry = (tag: number, type: number, count: number, valueOrOffset: Buffer) => {
    const e = Buffer.alloc(12);
    e.writeUInt16BE(tag, 0);
    e.writeUInt16BE(type, 2);
    e.writeUInt32BE(count, 4);
    valueOrOffset.copy(e, 8);
    return e;
  };
  const u32 = (value: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value);
    return b;
  };
  const addData = (bytes: Buffer) => {
    const offset = dataOffset;
    data.push(bytes);
    dataOffset += bytes.length;
    return u32(offset);
  };
  const ascii = (text: string) => Buffer.from(`${text}\0`, 'latin1');
  const rationals = (values: [number, number][]) =>
    Buffer.concat(values.map(([n, d]) => Buffer.concat([u32(n), u32(d)])));
  // IFD0: Make, Model, GPS IFD pointer.
  entries.push(entry(0x010f, 2, 11, addData(ascii('PhoneMaker'))));
  entries.push(entry(0x0110, 2, 12, addData(ascii('SecretPhone'))));
  entries.push(entry(0x8825, 4, 1, u32(gpsOffset)));
  const ifd0 = Buffer.concat([Buffer.from([0, 3]), ...entries, u32(0)]);
  const gpsEntries = [
    entry(0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1')),
    entry(
      0x0002,
      5,
      3,
      addData(
        rationals([
          [52, 1],
          [5, 1],
          [30, 1],
        ]),
      ),
    ),
    entry(0x0003, 2, 2, Buffer.from('E\0\0\0', 'latin1')),
    entry(
      0x0004,
      5,
      3,
      addData(
        rationals([
          [5, 1],
          [7, 1],
          [12, 1],
        ]),
      ),
    ),
  ];
  const gps = Buffer.concat([Buffer.from([0, 4]), ...gpsEntries, u32(0)]);
  const tiff = Buffer.concat([Buffer.from('MM\0*', 'latin1'), u32(ifd0Offset), ifd0, gps, ...data]);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

export const XMP_GPS =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,5.5N" exif:GPSLongitude="5,7.2E"/>' +
  '</rdf:RDF></x:xmpmeta>';

/** The base JPEG with Exif (GPS), XMP, Photoshop/IPTC, a comment, an MPF segment, an ICC profile and trailing data. */
export function gpsTaggedJpeg(): Buffer {
  const metadata = Buffer.concat([
    segment(0xe1, exifWithGps()),
    segment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(XMP_GPS)])),
    segment(0xed, Buffer.from('Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0cLocatie Ede', 'latin1')),
    segment(0xfe, Buffer.from('Taken at Dorpsstraat 1, Heerde', 'latin1')),
    segment(0xe2, Buffer.from('MPF\0MM\0*\0\0\0\x08', 'latin1')),
  ]);
  const icc = segment(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01fakeprofile', 'latin1'));
  return Buffer.concat([
    BASE_JPEG.subarray(0, AFTER_APP0),
    metadata,
    icc,
    BASE_JPEG.subarray(AFTER_APP0),
    Buffer.from('trailing preview with Exif GPS', 'latin1'),
  ]);
}

/** The same JPEG as it should come out: the base with only the ICC profile added. */
export function expectedCleanJpeg(): Buffer {
  const icc = segment(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01fakeprofile', 'latin1'));
  return Buffer.concat([BASE_JPEG.subarray(0, AFTER_APP0), icc, BASE_JPEG.subarray(AFTER_APP0)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bit depth
  data[9] = 6; // RGBA
  return pngChunk('IHDR', data);
}

/** A 1×1 red PNG, optionally with metadata chunks (tEXt, iTXt XMP, zTXt, eXIf) and trailing data. */
export function png(options: { metadata?: boolean; width?: number; height?: number } = {}): Buffer {
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0, 255]));
  const base = [ihdr(options.width ?? 1, options.height ?? 1), pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f]))];
  const metadata = options.metadata
    ? [
        pngChunk('tEXt', Buffer.from('Comment\0Taken at Dorpsstraat 1, Heerde', 'latin1')),
        pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(XMP_GPS)])),
        pngChunk('zTXt', Buffer.concat([Buffer.from('Location\0\0', 'latin1'), deflateSync('GPS 52.09 5.12')])),
        pngChunk('eXIf', exifWithGps().subarray(6)),
      ]
    : [];
  return Buffer.concat([
    PNG_SIGNATURE,
    ...base,
    ...metadata,
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
    ...(options.metadata ? [Buffer.from('trailing')] : []),
  ]);
}

/** A minimal .docx: a stored (uncompressed) zip with the parts file-type looks for. */
export function minimalDocx(): Buffer {
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    ['word/document.xml', '<?xml version="1.0"?><w:document/>'],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
