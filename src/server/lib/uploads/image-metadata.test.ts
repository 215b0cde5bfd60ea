import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE_JPEG,
  expectedCleanJpeg,
  gpsTaggedJpeg,
  PNG_SIGNATURE,
  png,
  XMP_GPS,
} from '../../../../test/helpers/image-fixtures.ts';
import { MalformedImageError, stripJpegMetadata, stripPngMetadata } from './image-metadata.ts';

const GPS_IFD_TAG = Buffer.from([0x88, 0x25]);
const has = (haystack: Buffer, needle: string | Buffer) =>
  haystack.includes(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : needle);

describe('JPEG metadata removal', () => {
  it('removes Exif with GPS, XMP, Photoshop/IPTC, comments, MPF and trailing data, and keeps the image', () => {
    const original = gpsTaggedJpeg();
    // The fixture really carries a location.
    expect(has(original, 'Exif\0\0')).toBe(true);
    expect(has(original, GPS_IFD_TAG)).toBe(true);
    expect(has(original, 'SecretPhone')).toBe(true);
    expect(has(original, 'GPSLatitude')).toBe(true);

    const clean = stripJpegMetadata(original);
    expect(clean.removedKinds).toEqual(['APP1', 'APP1', 'APP13', 'COM', 'APP2', 'trailing-data']);
    expect({ width: clean.width, height: clean.height }).toEqual({ width: 1, height: 1 });
    for (const needle of [
      'Exif',
      'GPS',
      'SecretPhone',
      'PhoneMaker',
      'Dorpsstraat',
      '8BIM',
      'Locatie',
      'MPF',
      'trailing',
    ]) {
      expect(has(clean.bytes, needle), needle).toBe(false);
    }
    expect(has(clean.bytes, GPS_IFD_TAG)).toBe(false);
    // Everything else is byte for byte the same (the ICC colour profile stays).
    expect(clean.bytes.equals(expectedCleanJpeg())).toBe(true);
  });

  it('leaves a clean JPEG unchanged', () => {
    const clean = stripJpegMetadata(BASE_JPEG);
    expect(clean.removed).toBe(false);
    expect(clean.bytes.equals(BASE_JPEG)).toBe(true);
  });

  it.each([
    ['truncated in a segment', BASE_JPEG.subarray(0, 30)],
    ['truncated in the scan', BASE_JPEG.subarray(0, BASE_JPEG.length - 3)],
    [
      'a segment longer than the file',
      Buffer.concat([BASE_JPEG.subarray(0, 20), Buffer.from([0xff, 0xe1, 0xff, 0xff, 0])]),
    ],
    ['no image data', Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
    ['not a JPEG', Buffer.from('GIF89a')],
  ])('refuses a damaged file: %s', (_name, bytes) => {
    expect(() => stripJpegMetadata(bytes)).toThrow(MalformedImageError);
  });

  it('refuses a segment under a reserved marker (an APP1 whose marker byte was changed)', () => {
    // Found by the property below: FF E1 turned into FF 02 kept the whole Exif block.
    const mangled = Buffer.from(gpsTaggedJpeg().subarray(0, 701));
    mangled[21] = 0x02;
    expect(() => stripJpegMetadata(mangled)).toThrow(MalformedImageError);
  });

  it('never crashes or hangs on mangled input, and never lets an APP1 through (property)', () => {
    const base = gpsTaggedJpeg();
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: base.length }),
        fc.uint8Array({ maxLength: 64 }),
        fc.nat({ max: base.length - 1 }),
        fc.nat({ max: 255 }),
        (cut, tail, flipAt, flipTo) => {
          const mangled = Buffer.concat([base.subarray(0, cut), tail]);
          if (flipAt < mangled.length) mangled[flipAt] = flipTo;
          try {
            const clean = stripJpegMetadata(mangled);
            expect(has(clean.bytes, 'Exif\0\0')).toBe(false);
            expect(has(clean.bytes, 'SecretPhone')).toBe(false);
          } catch (error) {
            expect(error).toBeInstanceOf(MalformedImageError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('PNG metadata removal', () => {
  it('removes tEXt, iTXt (XMP), zTXt and eXIf chunks and trailing data, keeping valid chunks', () => {
    const original = png({ metadata: true });
    expect(has(original, XMP_GPS)).toBe(true);
    const clean = stripPngMetadata(original);
    expect(clean.removedKinds).toEqual(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'trailing-data']);
    expect(clean.bytes.equals(png())).toBe(true);
    for (const needle of ['GPS', 'Dorpsstraat', 'SecretPhone', 'tEXt', 'iTXt', 'zTXt', 'eXIf']) {
      expect(has(clean.bytes, needle), needle).toBe(false);
    }
    expect({ width: clean.width, height: clean.height }).toEqual({ width: 1, height: 1 });
  });

  it.each([
    ['only the signature', PNG_SIGNATURE],
    ['IHDR not first', Buffer.concat([PNG_SIGNATURE, png().subarray(8 + 25)])],
    ['truncated', png().subarray(0, 40)],
    ['no IEND', png().subarray(0, png().length - 12)],
  ])('refuses a damaged file: %s', (_name, bytes) => {
    expect(() => stripPngMetadata(bytes)).toThrow(MalformedImageError);
  });

  it('never crashes on mangled input (property)', () => {
    const base = png({ metadata: true });
    fc.assert(
      fc.property(fc.integer({ min: 8, max: base.length }), fc.uint8Array({ maxLength: 32 }), (cut, tail) => {
        try {
          const clean = stripPngMetadata(Buffer.concat([base.subarray(0, cut), tail]));
          expect(has(clean.bytes, 'Dorpsstraat')).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedImageError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
