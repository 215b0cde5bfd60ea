import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { EvidenceStore } from '../../src/server/modules/incidents/evidence-store.ts';
import { sweepEvidenceStore } from '../../src/server/modules/incidents/sweep.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { expectedCleanJpeg, gpsTaggedJpeg, MINIMAL_PDF, png } from '../helpers/image-fixtures.ts';
import { multipart, recordIncident, storeState, uploadEvidence } from '../helpers/incidents.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const EML = Buffer.from(
  'Return-Path: <boos@example.net>\r\nFrom: Boze Burger <boos@example.net>\r\nTo: wethouder@example.org\r\n' +
    'Subject: Je gaat eraan\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\nMessage-ID: <1@example.net>\r\n\r\nDreigende tekst.\r\n',
);
/** An MP4 header (ftyp isom) followed by filler: enough for the type check, as a phone's video starts. */
function mp4(size: number): Buffer {
  const head = Buffer.from('0000001c667479706973366d0000020069736f6d69736f326d703431', 'hex');
  const out = Buffer.alloc(size, 0x11);
  head.copy(out);
  return out;
}

describe('incidents: evidence that holds up', () => {
  let t: TestApp;
  let owner: TestActor;
  let incidentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createActor(t, ['officeholder'], { displayName: 'Wim Wethouder' });
    incidentId = await recordIncident(t, owner);
  }, 60_000);
  afterAll(() => t.close());

  const get = (actor: TestActor | null, url: string) =>
    t.app.inject({ method: 'GET', url, headers: actor?.headers ?? {} });

  it('keeps a photo exactly as received, with its SHA-256, and shows it without location metadata', async () => {
    const photo = gpsTaggedJpeg();
    const response = await uploadEvidence(
      t,
      owner,
      incidentId,
      { fileName: 'brief.JPG', bytes: photo },
      {
        caption: 'Brief in de bus',
        sourceHandle: 'anoniem',
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    const { evidence } = response.json();
    expect(evidence).toMatchObject({
      kind: 'image',
      contentType: 'image/jpeg',
      fileName: 'brief.jpg',
      size: photo.length,
      sha256: sha256(photo),
      caption: 'Brief in de bus',
      sourceHandle: 'anoniem',
      sourceUrl: null,
      hasMetadata: true,
      addedByName: 'Wim Wethouder',
      deletedAt: null,
    });
    const base = `/api/me/incidents/${incidentId}/evidence/${evidence.id}`;
    const view = await get(owner, base);
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('image/jpeg');
    expect(view.headers['content-disposition']).toMatch(/^inline;/);
    expect(view.headers['content-security-policy']).toContain('sandbox');
    expect(view.headers['cache-control']).toBe('no-store');
    expect(view.rawPayload.equals(expectedCleanJpeg())).toBe(true);
    expect(view.rawPayload.includes(Buffer.from('GPS'))).toBe(false);
    const original = await get(owner, `${base}/original`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-disposition']).toMatch(/^attachment;/);
    expect(original.rawPayload.equals(photo)).toBe(true);
    // The stored file is encrypted: neither the photo nor its metadata is on disk in the clear.
    const onDisk = readFileSync(path.join(t.config.EVIDENCE_DIR as string, `${evidence.id}.wbs`));
    expect(onDisk.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(onDisk.includes(photo.subarray(0, 64))).toBe(false);
    // Someone else: the same 404 as nothing.
    const stranger = await createActor(t, ['admin']);
    expect((await get(stranger, base)).statusCode).toBe(404);
    expect((await get(stranger, `${base}/original`)).statusCode).toBe(404);
    expect((await get(null, base)).statusCode).toBe(401);
    expect((await get(owner, `/api/me/incidents/${incidentId}/evidence/nope`)).statusCode).toBe(400);
  });

  it('takes a screenshot, a PDF, an e-mail and a video by their content', async () => {
    const cases = [
      { fileName: 'screenshot.png', bytes: png({ metadata: true }), kind: 'image', type: 'image/png' },
      { fileName: 'brief', bytes: MINIMAL_PDF, kind: 'document', type: 'application/pdf', name: 'brief.pdf' },
      { fileName: 'dreigmail.eml', bytes: EML, kind: 'email', type: 'message/rfc822' },
      { fileName: 'filmpje.mp4', bytes: mp4(300_000), kind: 'video', type: 'video/mp4' },
    ];
    for (const item of cases) {
      const response = await uploadEvidence(t, owner, incidentId, item);
      expect(response.statusCode, `${item.fileName}: ${response.body}`).toBe(201);
      expect(response.json().evidence).toMatchObject({
        kind: item.kind,
        contentType: item.type,
        fileName: item.name ?? item.fileName,
        sha256: sha256(item.bytes),
        size: item.bytes.length,
      });
    }
  });

  it('refuses hostile and unsupported uploads with a clear 4xx, leaving nothing behind', async () => {
    const before = await storeState(t);
    const refuse = async (
      label: string,
      status: number,
      code: string | null,
      send: () => ReturnType<typeof uploadEvidence>,
    ) => {
      const response = await send();
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
      if (code) expect(response.json().code, label).toBe(code);
      expect(await storeState(t), label).toEqual(before);
    };
    const upload =
      (fileName: string, bytes: Buffer, fields: Record<string, string> = {}) =>
      () =>
        uploadEvidence(t, owner, incidentId, { fileName, bytes }, fields);
    await refuse(
      'HTML',
      415,
      'evidence_type_not_allowed',
      upload('x.html', Buffer.from('<!doctype html><script>alert(1)</script>')),
    );
    await refuse(
      'SVG as png',
      415,
      'evidence_type_not_allowed',
      upload('x.png', Buffer.from('<svg onload="alert(1)"/>')),
    );
    await refuse(
      'an executable',
      415,
      'evidence_type_not_allowed',
      upload('x.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500)])),
    );
    await refuse(
      'a ZIP',
      415,
      'evidence_type_not_allowed',
      upload('x.zip', Buffer.from('504b0304140000000000', 'hex')),
    );
    await refuse('plain text', 415, 'evidence_type_not_allowed', upload('x.txt', Buffer.from('gewoon tekst')));
    await refuse('a JPEG named .pdf', 415, 'evidence_type_mismatch', upload('brief.pdf', gpsTaggedJpeg()));
    await refuse('a broken JPEG', 400, 'evidence_unreadable', upload('kapot.jpg', gpsTaggedJpeg().subarray(0, 60)));
    await refuse('an empty file', 400, 'evidence_empty', upload('leeg.jpg', Buffer.alloc(0)));
    await refuse(
      'an image over 20 MB',
      413,
      'evidence_too_large',
      upload('groot.jpg', Buffer.concat([gpsTaggedJpeg(), Buffer.alloc(21 * 1024 * 1024)])),
    );
    await refuse('an unknown field', 400, 'invalid_fields', upload('a.jpg', gpsTaggedJpeg(), { evil: 'x' }));
    await refuse(
      'a bad source URL',
      400,
      'invalid_fields',
      upload('a.jpg', gpsTaggedJpeg(), { sourceUrl: 'javascript:alert(1)' }),
    );
    await refuse('no file part', 400, 'evidence_missing', () => {
      const body = multipart([{ name: 'caption', value: 'alleen tekst' }]);
      return t.app.inject({
        method: 'POST',
        url: `/api/me/incidents/${incidentId}/evidence`,
        headers: { ...owner.headers, ...body.headers },
        payload: body.payload,
      });
    });
    await refuse('a cut-off multipart body', 400, null, () => {
      const body = multipart([{ name: 'file', fileName: 'a.jpg', bytes: gpsTaggedJpeg() }]);
      return t.app.inject({
        method: 'POST',
        url: `/api/me/incidents/${incidentId}/evidence`,
        headers: { ...owner.headers, ...body.headers },
        payload: body.payload.subarray(0, body.payload.length - 40),
      });
    });
    await refuse('not multipart', 415, null, () =>
      t.app.inject({
        method: 'POST',
        url: `/api/me/incidents/${incidentId}/evidence`,
        headers: owner.headers,
        payload: { file: 'x' },
      }),
    );
    await refuse('another person’s incident', 404, 'not_found', async () => {
      const stranger = await createActor(t, ['officeholder']);
      return uploadEvidence(t, stranger, incidentId, { fileName: 'a.jpg', bytes: gpsTaggedJpeg() });
    });
  });

  it('turns a path trick in the file name into a plain label', async () => {
    const response = await uploadEvidence(t, owner, incidentId, {
      fileName: '../../etc/passwd.jpg',
      bytes: gpsTaggedJpeg(),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().evidence.fileName).toBe('passwd.jpg');
    const state = await storeState(t);
    expect(state.files).toContain(response.json().evidence.id);
  });

  it('never leaves a file without a row or a row without a file when the commit fails after the file landed', async () => {
    let fail = true;
    const faulty = await createTestApp({
      build: {
        incidents: {
          intakeFault: () => {
            if (fail) throw new Error('injected failure between file and row');
          },
        },
      },
    });
    try {
      const me = await createActor(faulty, ['officeholder']);
      const id = await recordIncident(faulty, me);
      const response = await uploadEvidence(faulty, me, id, { fileName: 'a.jpg', bytes: gpsTaggedJpeg() });
      expect(response.statusCode).toBe(500);
      expect(await storeState(faulty)).toEqual({ files: [], parts: [], rows: [] });
      fail = false;
      const ok = await uploadEvidence(faulty, me, id, { fileName: 'a.jpg', bytes: gpsTaggedJpeg() });
      expect(ok.statusCode).toBe(201);
      const state = await storeState(faulty);
      expect(state.files).toEqual([ok.json().evidence.id]);
      expect(state.rows.map((row) => row.id)).toEqual([ok.json().evidence.id]);
    } finally {
      await faulty.close();
    }
  });

  it('sweeps what a crash can leave: a file whose row never committed, a part, a tombstone’s file', async () => {
    const store = new EvidenceStore(t.config.EVIDENCE_DIR as string);
    const orphan = '11111111-2222-4333-8444-555555555555';
    const part = '11111111-2222-4333-8444-666666666666';
    store.createPart(orphan).end('x');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.commitPart(orphan);
    store.createPart(part).end('y');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = await storeState(t);
    expect(before.files).toContain(orphan);
    // Young files are left alone (an intake on another instance may be committing).
    expect((await sweepEvidenceStore(t.app.db, store, new Date())).orphansRemoved).toEqual([]);
    const report = await sweepEvidenceStore(t.app.db, store, new Date(Date.now() + 60 * 60 * 1000));
    expect(report.orphansRemoved).toEqual([orphan]);
    expect(report.partsRemoved).toEqual([part]);
    expect(report.missingFiles).toEqual([]);
    const after = await storeState(t);
    expect(after.files).not.toContain(orphan);
    expect(after.parts).toEqual([]);
  });

  it('lets only the owner delete, leaving a tombstone with the hash and dates', async () => {
    const photo = gpsTaggedJpeg();
    const added = (await uploadEvidence(t, owner, incidentId, { fileName: 'weg.jpg', bytes: photo })).json().evidence;
    const url = `/api/me/incidents/${incidentId}/evidence/${added.id}`;
    const stranger = await createActor(t, ['officeholder']);
    expect((await t.app.inject({ method: 'DELETE', url, headers: stranger.headers })).statusCode).toBe(404);
    const deleted = await t.app.inject({ method: 'DELETE', url, headers: owner.headers });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().evidence).toMatchObject({
      id: added.id,
      sha256: sha256(photo),
      size: photo.length,
      receivedAt: added.receivedAt,
      fileName: null,
      caption: null,
      deletedAt: expect.any(String),
    });
    expect((await get(owner, url)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url, headers: owner.headers })).statusCode).toBe(404);
    const state = await storeState(t);
    expect(state.files).not.toContain(added.id);
    const [row] = rowsOf<{ label: string | null; key: string | null; sha256: string }>(
      await t.app.db.execute(
        sql`SELECT label_envelope AS label, key_envelope AS key, sha256 FROM incident_evidence WHERE id = ${added.id}`,
      ),
    );
    expect(row).toEqual({ label: null, key: null, sha256: sha256(photo) });
    const incident = (await get(owner, `/api/me/incidents/${incidentId}`)).json().incident;
    expect(incident.evidence.find((item: { id: string }) => item.id === added.id).deletedAt).not.toBeNull();
  });

  it('removes every file with the incident when the owner deletes it', async () => {
    const id = await recordIncident(t, owner);
    const added = (await uploadEvidence(t, owner, id, { fileName: 'a.png', bytes: png() })).json().evidence;
    expect((await storeState(t)).files).toContain(added.id);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/me/incidents/${id}`, headers: owner.headers })).statusCode,
    ).toBe(204);
    const state = await storeState(t);
    expect(state.files).not.toContain(added.id);
    expect(state.rows.map((row) => row.id)).not.toContain(added.id);
  });
});
