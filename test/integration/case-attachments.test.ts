import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { call, expectStatus, sipaThroughIntake, submitSipa, submitSupport, upload } from '../helpers/cases.ts';
import { expectedCleanJpeg, gpsTaggedJpeg, MINIMAL_PDF, minimalDocx, png } from '../helpers/image-fixtures.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('attachments', () => {
  let t: TestApp;
  let requester: TestActor;
  let confidant: TestActor;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    requester = await createActor(t, ['officeholder'], { office: 'raadslid' });
    confidant = await createActor(t, ['confidant'], { association: 'nvvr' });
    ({ caseId } = await submitSupport(t, requester));
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200);
  });
  afterAll(() => t.close());

  it('removes the location from a GPS-tagged photo and serves it only as a sandboxed download', async () => {
    const response = await upload(t, requester, caseId, 'IMG_2041.JPG', gpsTaggedJpeg());
    await expectStatus(response, 201);
    expect(response.json()).toMatchObject({
      fileName: 'IMG_2041.jpg',
      contentType: 'image/jpeg',
      metadataRemoved: true,
      evidenceOriginal: false,
      fromRequester: true,
    });
    const download = await call(t, confidant, 'GET', `/api/cases/${caseId}/attachments/${response.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(expectedCleanJpeg())).toBe(true);
    expect(download.rawPayload.includes(Buffer.from('Exif'))).toBe(false);
    expect(download.rawPayload.includes(Buffer.from([0x88, 0x25]))).toBe(false);
    expect(download.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-disposition': `attachment; filename="IMG_2041.jpg"; filename*=UTF-8''IMG_2041.jpg`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(download.headers['content-security-policy']).toMatch(/^sandbox/);
  });

  it('keeps an image byte for byte when the requester marks it as evidence', async () => {
    const response = await upload(t, requester, caseId, 'bewijs.jpg', gpsTaggedJpeg(), { evidence: true });
    expect(response.json()).toMatchObject({ evidenceOriginal: true, metadataRemoved: false });
    const download = await call(t, requester, 'GET', `/api/cases/${caseId}/attachments/${response.json().id}`);
    expect(download.rawPayload.equals(gpsTaggedJpeg())).toBe(true);
  });

  it('cleans PNG text and Exif chunks, and accepts PDF, Word and plain UTF-8 text', async () => {
    const image = await upload(t, requester, caseId, 'scherm.png', png({ metadata: true }));
    expect(image.json()).toMatchObject({ contentType: 'image/png', metadataRemoved: true });
    const stored = await call(t, requester, 'GET', `/api/cases/${caseId}/attachments/${image.json().id}`);
    expect(stored.rawPayload.equals(png())).toBe(true);

    const pdf = await upload(t, confidant, caseId, 'verslag.pdf', MINIMAL_PDF);
    expect(pdf.json()).toMatchObject({ contentType: 'application/pdf', fromRequester: false });
    const docx = await upload(t, requester, caseId, 'brief', minimalDocx());
    expect(docx.json()).toMatchObject({
      fileName: 'brief.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const text = await upload(
      t,
      requester,
      caseId,
      'Aantekeningen ë.txt',
      Buffer.from('Datum: 3 maart\nWat: een brief'),
    );
    expect(text.statusCode).toBe(201);
    const download = await call(t, requester, 'GET', `/api/cases/${caseId}/attachments/${text.json().id}`);
    expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Aantekeningen _.txt"; filename*=UTF-8''Aantekeningen%20%C3%AB.txt`,
    );

    const list = (await call(t, requester, 'GET', `/api/cases/${caseId}/attachments`)).json();
    expect(list.attachments.length).toBeGreaterThanOrEqual(4);
    expect(list.totalBytes).toBe(list.attachments.reduce((sum: number, a: { size: number }) => sum + a.size, 0));
    expect(list.maxTotalBytes).toBe(50 * 1024 * 1024);
  });

  it('never keeps metadata on a SIPA case, and refuses files before the intake conversation', async () => {
    const mayor = await createActor(t, ['officeholder'], { office: 'burgemeester' });
    const advisor = await createActor(t, ['sipa_advisor']);
    const sipa = await submitSipa(t, mayor);
    // SIPA: no documents before the phone intake, with the reason on the file field; nothing is stored.
    const early = await upload(t, mayor, sipa.caseId, 'stukken.pdf', MINIMAL_PDF);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'sipa_intake_first', errors: [{ field: 'file' }] });
    await expectStatus(await call(t, advisor, 'POST', `/api/cases/${sipa.caseId}/take`, {}), 200);
    const calling = await upload(t, mayor, sipa.caseId, 'stukken.pdf', MINIMAL_PDF);
    expect(calling.json()).toMatchObject({ code: 'sipa_intake_first' });
    const list = (await call(t, mayor, 'GET', `/api/cases/${sipa.caseId}/attachments`)).json();
    expect(list.attachments).toEqual([]);
    await sipaThroughIntake(t, mayor, advisor, sipa.caseId, { takeFirst: false });
    const response = await upload(t, mayor, sipa.caseId, 'foto.jpg', gpsTaggedJpeg(), { evidence: true });
    expect(response.json()).toMatchObject({ evidenceOriginal: false, metadataRemoved: true });
  });
});
