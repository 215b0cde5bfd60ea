import { describe, expect, it } from 'vitest';
import { gpsTaggedJpeg, MINIMAL_PDF, minimalDocx, png } from '../../../../test/helpers/image-fixtures.ts';
import { AppError } from '../../lib/errors.ts';
import { detectType, inspectUpload, isPlainText, nameForType, sanitiseFileName } from './files.ts';

describe('file names are labels, never paths', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system32\\cmd.exe', 'cmd.exe'],
    ['C:\\Users\\burgemeester\\Foto van de brief.JPG', 'Foto van de brief.JPG'],
    ['.htaccess', 'htaccess'],
    ['   .. ..   ', ''],
    ['brief\u202Efdp.exe', 'brieffdp.exe'],
    ['zero\u200Bwidth.txt', 'zerowidth.txt'],
    ['a\u0000b\nc.txt', 'abc.txt'],
    ['"quoted";name=evil.pdf', 'quoted_name_evil.pdf'],
    ['rapport <script>.pdf', 'rapport _script_.pdf'],
    ['e\u0301cole.txt', 'école.txt'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('keeps the extension when it shortens a long name', () => {
    const name = sanitiseFileName(`${'a'.repeat(300)}.pdf`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('refuses a name that claims another type, and adds the right extension otherwise', () => {
    expect(() => nameForType('foto.png', 'image/jpeg')).toThrow(AppError);
    expect(() => nameForType('brief.pdf', 'text/plain')).toThrow(AppError);
    expect(nameForType('foto.JPG', 'image/jpeg')).toBe('foto.jpg');
    expect(nameForType('foto.jpeg', 'image/jpeg')).toBe('foto.jpeg');
    expect(nameForType('aantekeningen', 'text/plain')).toBe('aantekeningen.txt');
    expect(nameForType('script.html', 'text/plain')).toBe('script.html.txt');
    expect(nameForType('', 'application/pdf')).toBe('bijlage.pdf');
  });
});

describe('the type comes from the content', () => {
  it('recognises the allowed types by their bytes', async () => {
    expect(await detectType(MINIMAL_PDF)).toBe('application/pdf');
    expect(await detectType(png())).toBe('image/png');
    expect(await detectType(gpsTaggedJpeg())).toBe('image/jpeg');
    expect(await detectType(minimalDocx())).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(await detectType(Buffer.from('Gewoon tekst, met é en €.\r\nTweede regel.'))).toBe('text/plain');
  });

  it.each([
    ['HTML', '<!DOCTYPE html><html><script>alert(1)</script></html>'],
    ['HTML without doctype', '  <html><body>hi</body></html>'],
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ['XML', '<?xml version="1.0"?><x/>'],
    ['binary', '\u0000\u0001\u0002MZ'],
    ['invalid UTF-8', Buffer.from([0x61, 0xff, 0xfe, 0x62])],
    ['a GIF', 'GIF89a\u0001\u0000\u0001\u0000'],
    ['a ZIP that is no Word file', Buffer.from('504b030414000000000000000000000000000000000000000000', 'hex')],
    ['empty', ''],
  ])('refuses %s', async (_name, content) => {
    expect(await detectType(typeof content === 'string' ? Buffer.from(content) : content)).toBeNull();
  });

  it('checks plain text strictly', () => {
    expect(isPlainText(Buffer.from('\ufeffmet BOM'))).toBe(true);
    expect(isPlainText(Buffer.from('escape \u001b[31m'))).toBe(false);
  });

  it('cleans images on upload unless kept as evidence', async () => {
    const cleaned = await inspectUpload(gpsTaggedJpeg(), 'IMG_0001.jpg', { keepOriginal: false });
    expect(cleaned).toMatchObject({ type: 'image/jpeg', fileName: 'IMG_0001.jpg', metadataRemoved: true });
    expect(cleaned.bytes.includes(Buffer.from('Exif'))).toBe(false);
    const evidence = await inspectUpload(gpsTaggedJpeg(), 'IMG_0001.jpg', { keepOriginal: true });
    expect(evidence).toMatchObject({ evidenceOriginal: true, metadataRemoved: false });
    expect(evidence.bytes.equals(gpsTaggedJpeg())).toBe(true);
  });

  it('refuses decompression bombs by their pixel count', async () => {
    await expect(
      inspectUpload(png({ width: 100_000, height: 100_000 }), 'x.png', { keepOriginal: false }),
    ).rejects.toMatchObject({ code: 'attachment_too_many_pixels', status: 413 });
  });
});
