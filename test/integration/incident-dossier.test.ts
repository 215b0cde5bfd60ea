import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { readStoredZip } from '../../src/server/lib/zip.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { gpsTaggedJpeg, png } from '../helpers/image-fixtures.ts';
import { recordIncident, uploadEvidence } from '../helpers/incidents.ts';
import { extractPdfText, flattenText } from '../helpers/pdf-text.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Writes the archive's files into a folder, as someone unpacking it would. */
function unpack(files: Map<string, Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-dossier-'));
  for (const [name, bytes] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  }
  return dir;
}

describe('incidents: the police dossier', () => {
  let t: TestApp;
  let owner: TestActor;
  let first: string;
  let second: string;
  const photo = gpsTaggedJpeg();
  const screenshot = png({ metadata: true });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createActor(t, ['officeholder'], {
      displayName: 'Wim Wethouder',
      office: 'wethouder',
      region: 'Heerde',
      email: 'wim.prive@example.org',
    });
    first = await recordIncident(t, owner, {
      occurredOn: '2026-11-20',
      whatHappened: 'Dreigbrief in de brievenbus van het gemeentehuis.',
      channel: 'mail',
      forms: ['threat'],
      perpetratorHandle: '@boze_burger',
      severity: 'serious',
    });
    second = await recordIncident(t, owner, {
      occurredOn: '2026-11-28',
      whatHappened: 'Bericht op sociale media met mijn naam.',
      channel: 'social_media',
    });
    expect((await uploadEvidence(t, owner, first, { fileName: 'brief.jpg', bytes: photo })).statusCode).toBe(201);
    expect(
      (
        await uploadEvidence(
          t,
          owner,
          second,
          { fileName: 'scherm.png', bytes: screenshot },
          { sourceUrl: 'https://social.example/p/1' },
        )
      ).statusCode,
    ).toBe(201);
    const gone = (await uploadEvidence(t, owner, second, { fileName: 'weg.png', bytes: png() })).json().evidence;
    await t.app.inject({
      method: 'DELETE',
      url: `/api/me/incidents/${second}/evidence/${gone.id}`,
      headers: owner.headers,
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/me/incidents/${first}/follow-ups`,
      headers: owner.headers,
      payload: { occurredOn: '2026-11-21', kind: 'internal_report', text: 'Gemeld bij de burgemeester.' },
    });
  }, 60_000);
  afterAll(() => t.close());

  const exportDossier = (actor: TestActor | null, body: object) =>
    t.app.inject({ method: 'POST', url: '/api/me/incidents/dossier', headers: actor?.headers ?? {}, payload: body });

  it('exports a ZIP whose SHA256SUMS matches the uploaded bytes and whose signature verifies', async () => {
    const response = await exportDossier(owner, { incidentIds: [second, first] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="Dossier incidenten \d{4}-\d{2}-\d{2}\.zip"/,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const zip = response.rawPayload;
    expect(zip.length).toBe(Number(response.headers['content-length']));
    const files = readStoredZip(zip);
    expect([...files.keys()]).toEqual([
      'LEESMIJ-README.txt',
      'dossier.pdf',
      'manifest.json',
      'bewijs/incident-1/01 brief.jpg',
      'bewijs/incident-2/01 scherm.png',
      'weerbaar-dossier-public-key.pem',
      'SHA256SUMS',
      'SHA256SUMS.sig',
    ]);
    // The originals, byte for byte, GPS and all.
    expect(files.get('bewijs/incident-1/01 brief.jpg')?.equals(photo)).toBe(true);
    expect(files.get('bewijs/incident-2/01 scherm.png')?.equals(screenshot)).toBe(true);
    const sums = (files.get('SHA256SUMS') as Buffer).toString('utf8');
    expect(sums).toContain(`${sha256(photo)}  bewijs/incident-1/01 brief.jpg\n`);
    expect(sums).toContain(`${sha256(screenshot)}  bewijs/incident-2/01 scherm.png\n`);
    for (const line of sums.trim().split('\n')) {
      const [hash, name] = line.split('  ') as [string, string];
      expect(sha256(files.get(name) as Buffer), name).toBe(hash);
    }
    const manifest = JSON.parse((files.get('manifest.json') as Buffer).toString('utf8'));
    expect(manifest.files).toEqual([
      expect.objectContaining({
        path: 'bewijs/incident-1/01 brief.jpg',
        name: 'brief.jpg',
        size: photo.length,
        sha256: sha256(photo),
      }),
      expect.objectContaining({ path: 'bewijs/incident-2/01 scherm.png', sourceUrl: 'https://social.example/p/1' }),
    ]);
    expect(manifest.files[0].receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(manifest.deleted).toHaveLength(1);

    // The signature: here, against the published key, and after a change it fails.
    const key = createPublicKey((files.get('weerbaar-dossier-public-key.pem') as Buffer).toString());
    const signature = files.get('SHA256SUMS.sig') as Buffer;
    expect(verify(null, files.get('SHA256SUMS') as Buffer, key, signature)).toBe(true);
    expect(verify(null, Buffer.from(sums.replace(sha256(photo), '0'.repeat(64))), key, signature)).toBe(false);
    const published = await t.app.inject({ method: 'GET', url: '/api/incidents/signing-key' });
    expect(published.json().publicKeyPem).toBe((files.get('weerbaar-dossier-public-key.pem') as Buffer).toString());

    // And with the standard tools, as the police would.
    if (!existsSync('/usr/bin/sha256sum') || !existsSync('/usr/bin/openssl')) return;
    const dir = unpack(files);
    try {
      expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir }).toString()).toMatch(/brief\.jpg: OK/);
      const openssl = [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'weerbaar-dossier-public-key.pem',
        '-rawin',
        '-in',
        'SHA256SUMS',
        '-sigfile',
        'SHA256SUMS.sig',
      ];
      expect(execFileSync('openssl', openssl, { cwd: dir }).toString()).toMatch(/Signature Verified Successfully/);
      writeFileSync(path.join(dir, 'bewijs/incident-1/01 brief.jpg'), Buffer.concat([photo, Buffer.from('x')]));
      expect(() => execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, stdio: 'pipe' })).toThrow();
      writeFileSync(
        path.join(dir, 'SHA256SUMS'),
        sums.replace(sha256(photo), sha256(Buffer.concat([photo, Buffer.from('x')]))),
      );
      expect(() => execFileSync('openssl', openssl, { cwd: dir, stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a PDF with the facts, the timeline and the hashes, and nothing from the profile but the name', async () => {
    const response = await exportDossier(owner, { incidentIds: [first, second], format: 'pdf' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = flattenText(extractPdfText(response.rawPayload).text);
    expect(text).toContain('Dossier incidenten');
    expect(text).toContain('Wim Wethouder');
    expect(text).toContain('Dreigbrief in de brievenbus van het gemeentehuis.');
    expect(text).toContain('Gemeld bij de burgemeester.');
    expect(text).toContain('@boze_burger');
    expect(text).toContain(sha256(photo));
    expect(text).toContain('sha256sum -c SHA256SUMS');
    expect(text).not.toContain('Heerde');
    expect(text).not.toContain('wim.prive@example.org');
    const english = await exportDossier(owner, { incidentIds: [first], format: 'pdf', lang: 'en' });
    expect(flattenText(extractPdfText(english.rawPayload).text)).toContain('Incident dossier');
  });

  it('records and audits every export, visible to the person', async () => {
    const listed = await t.app.inject({ method: 'GET', url: '/api/me/incidents/exports', headers: owner.headers });
    expect(listed.statusCode).toBe(200);
    const exports = listed.json().exports as { format: string; incidentCount: number; evidenceCount: number }[];
    expect(exports.length).toBeGreaterThanOrEqual(3);
    expect(exports.some((item) => item.format === 'zip' && item.incidentCount === 2 && item.evidenceCount === 2)).toBe(
      true,
    );
    const audited = rowsOf<{ n: string }>(
      await t.app.db.execute(
        sql`SELECT count(*)::text AS n FROM audit_log WHERE action = 'incident.dossier_exported' AND subject_person_id = ${owner.personId}`,
      ),
    );
    expect(Number(audited[0]?.n)).toBe(exports.length);
    const stranger = await createActor(t, ['officeholder']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me/incidents/exports', headers: stranger.headers })).json()
        .exports,
    ).toEqual([]);
  });

  it('climbs the ladder: 401, 400, 404 when any incident is not the caller’s', async () => {
    expect((await exportDossier(null, { incidentIds: [first] })).statusCode).toBe(401);
    for (const body of [
      {},
      { incidentIds: [] },
      { incidentIds: ['x'] },
      { incidentIds: [first], format: 'docx' },
      { incidentIds: [first], lang: 'de' },
    ]) {
      expect((await exportDossier(owner, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    for (const role of ['officeholder', 'admin', 'confidant'] as const) {
      const other = await createActor(t, [role]);
      const own = role === 'officeholder' ? [await recordIncident(t, other)] : [];
      expect((await exportDossier(other, { incidentIds: [...own, first] })).statusCode).toBe(404);
    }
  });
});
