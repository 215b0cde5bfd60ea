import { describe, expect, it } from 'vitest';
import { gpsTaggedJpeg, MINIMAL_PDF, png } from '../../../../test/helpers/image-fixtures.ts';
import { AppError } from '../../lib/errors.ts';
import { detectEvidenceType, evidenceFileName, looksLikeEmail, uploadProblem } from './evidence-intake.ts';

const mail = (headers: string) => Buffer.from(`${headers}\r\n\r\nBody text.\r\n`);

describe('evidence types come from the content', () => {
  it('recognises photos, PDFs, e-mails, audio and video by their bytes', async () => {
    expect(await detectEvidenceType(gpsTaggedJpeg())).toBe('image/jpeg');
    expect(await detectEvidenceType(png())).toBe('image/png');
    expect(await detectEvidenceType(MINIMAL_PDF)).toBe('application/pdf');
    expect(
      await detectEvidenceType(Buffer.from('0000001c667479706973366d0000020069736f6d69736f326d703431', 'hex')),
    ).toBe('video/mp4');
    expect(await detectEvidenceType(Buffer.from(`fffb9064${'00'.repeat(400)}`, 'hex'))).toBe('audio/mpeg');
    expect(
      await detectEvidenceType(
        mail('From: a@example.net\r\nTo: b@example.org\r\nSubject: x\r\nDate: Mon, 30 Nov 2026'),
      ),
    ).toBe('message/rfc822');
  });

  it('refuses what is not on the list, whatever it is called', async () => {
    for (const bytes of [
      Buffer.from('<!doctype html><script>alert(1)</script>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('GIF89a\u0001\u0000\u0001\u0000'),
      Buffer.from('504b0304140000000000000000000000', 'hex'),
      Buffer.from('gewoon een tekst'),
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
    ]) {
      expect(await detectEvidenceType(bytes)).toBeNull();
    }
  });

  it('takes an e-mail only with a real header block: From and at least two other known fields', () => {
    expect(looksLikeEmail(mail('From: a@x\r\nSubject: y\r\nDate: z'))).toBe(true);
    expect(looksLikeEmail(mail('From: a@x\r\nX-Other: y'))).toBe(false);
    expect(looksLikeEmail(mail('Subject: y\r\nDate: z\r\nTo: q'))).toBe(false);
    expect(looksLikeEmail(mail('From: a@x\r\n\tfolded\r\nSubject: y\r\nDate: z'))).toBe(true);
    expect(looksLikeEmail(mail('From: a@x\r\nnot a header line\r\nSubject: y\r\nDate: z'))).toBe(false);
    expect(looksLikeEmail(Buffer.from('From: a@x\r\nSubject: y\r\nDate: z'))).toBe(false);
  });
});

describe('evidence file names are labels', () => {
  it('keeps a fitting extension, adds one when missing, and refuses a name that claims another type', () => {
    expect(evidenceFileName('Foto.JPG', 'image/jpeg')).toBe('Foto.jpg');
    expect(evidenceFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(evidenceFileName('opname', 'audio/mpeg')).toBe('opname.mp3');
    expect(evidenceFileName('', 'video/mp4')).toBe('bewijs.mp4');
    expect(() => evidenceFileName('brief.pdf', 'image/jpeg')).toThrow(AppError);
    expect(() => evidenceFileName('film.mov', 'video/mp4')).toThrow(AppError);
    expect(() => evidenceFileName('setup.exe', 'image/png')).toThrow(AppError);
  });
});

describe('upload problems', () => {
  it('are the client’s 4xx, except system errors', () => {
    expect((uploadProblem(new Error('Unexpected end of form')) as AppError).status).toBe(400);
    expect((uploadProblem(Object.assign(new Error('x'), { code: 'FST_REQ_FILE_TOO_LARGE' })) as AppError).status).toBe(
      413,
    );
    const disk = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    expect(uploadProblem(disk)).toBe(disk);
  });
});
