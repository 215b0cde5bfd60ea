import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { call, NO_REQUEST_LIMIT } from '../../../../test/helpers/cases.ts';
import { extractPdfText, flattenText } from '../../../../test/helpers/pdf-text.ts';
import { type PlantedPerson, plantPerson } from '../../../../test/helpers/privacy.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { rowsOf } from '../../db/index.ts';
import { readStoredZip } from '../../lib/zip.ts';
import { auditLog } from '../audit/db.ts';
import { sessions } from '../sessions/db.ts';

const EXPORT = '/api/me/data-export';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function download(t: TestApp, actor: TestActor, query = '') {
  const response = await t.app.inject({ method: 'GET', url: `${EXPORT}${query}`, headers: actor.headers });
  return { response, bytes: response.rawPayload };
}

describe('Mijn gegevens: downloading everything about me', () => {
  let t: TestApp;
  let planted: PlantedPerson;
  let other: PlantedPerson;

  beforeAll(async () => {
    t = await createTestApp({ env: NO_REQUEST_LIMIT });
    planted = await plantPerson(t, 'aaaa1111');
    other = await plantPerson(t, 'bbbb2222');
  }, 120_000);
  afterAll(async () => t?.close());

  it('asks an anonymous caller to sign in, and refuses an unknown language with a field message', async () => {
    expect((await call(t, null, 'GET', EXPORT)).statusCode).toBe(401);
    // Refused requests count towards the hourly limit too: another account here.
    const caller = await createActor(t, ['officeholder']);
    const bad = await call(t, caller, 'GET', `${EXPORT}?lang=fr`);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('lang');
    const hostile = await call(t, caller, 'GET', `${EXPORT}?lang=nl&personId=${other.person.personId}`);
    expect(hostile.statusCode).toBe(400);
  });

  it('needs a fresh sign-in (step-up), and audits nothing when refused', async () => {
    const stale = await createActor(t, ['officeholder']);
    await t.app.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 24 * 3_600_000) })
      .where(eq(sessions.id, stale.sessionId));
    const refused = await call(t, stale, 'GET', EXPORT);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('step_up_required');
    const audited = await t.app.db.select().from(auditLog).where(eq(auditLog.subjectPersonId, stale.personId));
    expect(audited.filter((row) => row.action === 'privacy.export_downloaded')).toHaveLength(0);
  });

  it('gives a ZIP with the JSON, the PDF, the originals and SHA256SUMS, each canary in its own section', async () => {
    const { response, bytes } = await download(t, planted.person);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(Number(response.headers['content-length'])).toBe(bytes.length);
    expect(response.headers['cache-control']).toBe('no-store');
    const zip = readStoredZip(bytes);
    const names = [...zip.keys()];
    expect(names).toEqual(
      expect.arrayContaining(['LEESMIJ-README.txt', 'gegevens.json', 'overzicht.pdf', 'SHA256SUMS']),
    );

    const data = JSON.parse((zip.get('gegevens.json') as Buffer).toString('utf8'));
    expect(data.format).toBe('weerbaar-personal-data/1');
    expect(data.personId).toBe(planted.person.personId);
    for (const [section, canary] of Object.entries(planted.canaries)) {
      expect(data.sections[section], section).toBeDefined();
      expect(JSON.stringify(data.sections[section]), section).toContain(canary);
    }
    // A relative is listed with who they are to me, as I said when inviting them.
    expect(JSON.stringify(data.sections.relatives)).toContain('"relationship":"partner"');
    // The conversation and the evidence's text are there too, decrypted.
    expect(JSON.stringify(data.sections.cases)).toContain('Canary-bericht-aaaa1111');

    // Every entry is verifiable: SHA256SUMS matches every file's bytes, and the evidence is the original.
    const sums = (zip.get('SHA256SUMS') as Buffer).toString('utf8').trim().split('\n');
    expect(sums.length).toBe(names.length - 1);
    for (const line of sums) {
      const [hash, name] = line.split(/ {2}(.+)/) as [string, string];
      expect(sha256(zip.get(name) as Buffer), name).toBe(hash);
    }
    const evidenceEntry = names.find((name) => name.startsWith('bestanden/incidents/'));
    expect(evidenceEntry).toBeDefined();
    expect((zip.get(evidenceEntry as string) as Buffer).equals(planted.evidenceBytes)).toBe(true);
    expect(data.files).toContainEqual(expect.objectContaining({ path: evidenceEntry, sha256: planted.evidenceSha256 }));

    // The PDF says the same in words.
    const pdf = flattenText(extractPdfText(zip.get('overzicht.pdf') as Buffer).text);
    expect(pdf).toContain('Mijn gegevens in Weerbaar');
    expect(pdf).toContain(planted.canaries.incidents as string);
    expect(pdf).toContain(planted.canaries.handover as string);
  });

  it('holds nothing of another person, and never the staff’s internal note', async () => {
    const { bytes } = await download(t, planted.person, '?lang=en');
    const zip = readStoredZip(bytes);
    expect(zip.has('data.json')).toBe(true);
    expect(zip.has('overview.pdf')).toBe(true);
    const everything = Buffer.concat([...zip.values()]).toString('latin1');
    expect(everything).not.toContain(planted.staffNote);
    expect(everything).not.toContain(other.person.personId);
    for (const canary of Object.values(other.canaries)) expect(everything).not.toContain(canary);
    const pdfText = extractPdfText(zip.get('overview.pdf') as Buffer).text;
    expect(pdfText).not.toContain(planted.staffNote);
  });

  it('is audited: the person sees their own download in the access log', async () => {
    const rows = rowsOf<{ n: number }>(
      await t.app.db.execute(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'privacy.export_downloaded' AND subject_person_id = ${planted.person.personId}`,
      ),
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('allows a few downloads an hour per person, then 429', async () => {
    // Two downloads above; the third is allowed, the fourth is not.
    expect((await download(t, planted.person)).response.statusCode).toBe(200);
    const refused = await download(t, planted.person);
    expect(refused.response.statusCode).toBe(429);
    // Another person is not held back by it.
    expect((await download(t, other.person)).response.statusCode).toBe(200);
  });
});
