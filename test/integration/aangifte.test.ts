import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { containsCanary, dumpAllRows } from '../helpers/cases.ts';
import { recordIncident, uploadEvidence } from '../helpers/incidents.ts';
import { extractPdfText, flattenText } from '../helpers/pdf-text.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The aangifte aid through its routes: the ladder, the choices, the preparation sheet, what happened at the
 * police (on the timeline without the reference, on the dossier's cover with it), the incident path's
 * internal-report and police steps, hostile input refused with nothing stored, and no plain text at rest.
 */
const REFERENCE = 'PL0900-2026-Canary7731';
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('aangifte: the aid and what happened at the police', () => {
  let t: TestApp;
  let owner: TestActor;
  let others: TestActor[];
  let incidentId: string;
  let evidenceSha = '';

  const call = (actor: TestActor | null, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });
  const base = (id: string) => `/api/me/incidents/${id}/aangifte`;
  const count = async (table: string) =>
    Number(
      rowsOf<{ n: string }>(await t.app.db.execute(sql.raw(`SELECT count(*)::text AS n FROM ${table}`)))[0]?.n ?? 0,
    );

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createActor(t, ['officeholder'], {
      displayName: 'Wim Wethouder',
      region: 'Heerde',
      email: 'wim.prive@example.org',
    });
    others = [
      await createActor(t, ['officeholder']),
      await createActor(t, ['relative'], { linkedOfficeholderId: owner.personId }),
      await createActor(t, ['confidant']),
      await createActor(t, ['admin']),
    ];
    incidentId = await recordIncident(t, owner, {
      occurredOn: day(-3),
      whatHappened: 'Dreigbrief in de brievenbus van het gemeentehuis.',
      channel: 'mail',
      forms: ['threat'],
      perpetratorKind: 'individual',
    });
    const bytes = Buffer.from(
      'From: boos@example.net\r\nTo: w@example.org\r\nSubject: x\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\n\r\nIk weet waar je woont.\r\n',
    );
    evidenceSha = createHash('sha256').update(bytes).digest('hex');
    const uploaded = await uploadEvidence(t, owner, incidentId, { fileName: 'dreigmail.eml', bytes });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
  }, 60_000);
  afterAll(() => t.close());

  it('climbs the ladder on every route: 401, 400, 404 for anyone else, then 200/201 for the owner', async () => {
    const id = await recordIncident(t, owner);
    const report = {
      kind: 'melding',
      reportedOn: day(-1),
      vptRequested: true,
      wantsUpdates: false,
      claimsDamages: false,
    };
    const routes: { method: 'GET' | 'PUT' | 'POST'; url: string; body?: object; ok: number }[] = [
      { method: 'GET', url: base(id), ok: 200 },
      { method: 'PUT', url: `${base(id)}/choices`, body: { variant: 'domicilie' }, ok: 200 },
      { method: 'POST', url: `${base(id)}/police-reports`, body: report, ok: 201 },
      { method: 'GET', url: `${base(id)}/sheet`, ok: 200 },
    ];
    for (const route of routes) {
      expect((await call(null, route.method, route.url, route.body)).statusCode, `${route.url} anonymous`).toBe(401);
      const badId = route.url.replace(id, 'not-a-uuid');
      expect((await call(owner, route.method, badId, route.body)).statusCode, `${route.url} bad id`).toBe(400);
      for (const other of others) {
        const response = await call(other, route.method, route.url, route.body);
        expect(response.statusCode, `${route.method} ${route.url} by ${other.roles}`).toBe(404);
      }
      const missing = route.url.replace(id, '00000000-0000-4000-8000-000000000000');
      expect((await call(owner, route.method, missing, route.body)).statusCode).toBe(404);
      const response = await call(owner, route.method, route.url, route.body);
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBe(route.ok);
    }
  });

  it('keeps the choices, marks the internal report on the path, and puts them on the preparation sheet', async () => {
    const path = async () => (await call(owner, 'GET', `/api/me/incidents/${incidentId}/path`)).json();
    expect((await path()).steps.slice(0, 2)).toEqual([
      { step: 'internal_report', state: 'todo', since: null },
      { step: 'police', state: 'todo', since: null },
    ]);
    const first = await call(owner, 'PUT', `${base(incidentId)}/choices`, { variant: 'onder_nummer' });
    expect(first.statusCode, first.body).toBe(200);
    const second = await call(owner, 'PUT', `${base(incidentId)}/choices`, {
      vptRequested: true,
      internalReport: { to: 'griffier', on: day(-2) },
    });
    expect(second.json().aangifte.choices).toEqual({
      variant: 'onder_nummer',
      vptRequested: true,
      internalReport: { to: 'griffier', on: day(-2) },
    });
    const steps = (await path()).steps;
    expect(steps[0]).toMatchObject({ step: 'internal_report', state: 'done' });
    expect(steps[1]).toMatchObject({ step: 'police', state: 'started' });

    const sheet = await call(owner, 'GET', `${base(incidentId)}/sheet`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    const read = extractPdfText(sheet.rawPayload);
    expect(read.pages).toHaveLength(1);
    const text = flattenText(read.text);
    expect(text).toContain('Voorbereiding melding of aangifte');
    expect(text).toContain('Dreigbrief in de brievenbus van het gemeentehuis.');
    expect(text).toContain('Aangifte onder nummer');
    expect(text).toContain('Vraag om de VPT-code');
    expect(text).toContain('de griffier');
    expect(text).toContain(evidenceSha);
    expect(text).toContain('Weerbaar heeft geen melding of aangifte gedaan');
    for (const profile of ['Heerde', 'wim.prive@example.org', 'Wim Wethouder']) expect(text).not.toContain(profile);
    const english = await call(owner, 'GET', `${base(incidentId)}/sheet?lang=en`);
    expect(flattenText(extractPdfText(english.rawPayload).text)).toContain('Report under a number');
  });

  it('records the aangifte on the timeline without the reference, and on the dossier cover with it', async () => {
    const response = await call(owner, 'POST', `${base(incidentId)}/police-reports`, {
      kind: 'aangifte',
      reportedOn: day(-1),
      policeReference: REFERENCE,
      variant: 'onder_nummer',
      vptRequested: true,
      wantsUpdates: true,
      claimsDamages: true,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().report).toMatchObject({ kind: 'aangifte', policeReference: REFERENCE });

    const incident = (await call(owner, 'GET', `/api/me/incidents/${incidentId}`)).json().incident;
    const entry = incident.followUps.find((followUp: { kind: string }) => followUp.kind === 'aangifte');
    expect(entry).toMatchObject({ occurredOn: day(-1) });
    expect(entry.text).toContain('Aangifte gedaan bij de politie.');
    expect(entry.text).toContain('Aangifte onder nummer');
    expect(entry.text).not.toContain(REFERENCE);

    const path = (await call(owner, 'GET', `/api/me/incidents/${incidentId}/path`)).json();
    expect(path.steps[1]).toMatchObject({ step: 'police', state: 'done' });
    expect(path.next).toBe('protection');

    const state = (await call(owner, 'GET', base(incidentId))).json().aangifte;
    expect(state.reports).toHaveLength(1);
    expect(state.reports[0]).toMatchObject({ policeReference: REFERENCE, wantsUpdates: true, claimsDamages: true });

    const dossier = await call(owner, 'POST', '/api/me/incidents/dossier', {
      incidentIds: [incidentId],
      format: 'pdf',
    });
    expect(dossier.statusCode).toBe(200);
    const cover = flattenText(extractPdfText(dossier.rawPayload).pages[0] ?? '');
    expect(cover).toContain('Bij de politie');
    expect(cover).toContain(REFERENCE);
    expect(cover).toContain('Aangifte onder nummer');
    expect(cover).toContain('VPT-code gevraagd');
  });

  it('refuses hostile input with field messages and stores nothing', async () => {
    const id = await recordIncident(t, owner);
    const before = {
      reports: await count('aangifte_police_reports'),
      choices: await count('aangifte_preparations'),
      followUps: await count('incident_follow_ups'),
    };
    const good = {
      kind: 'aangifte',
      reportedOn: day(-1),
      vptRequested: true,
      wantsUpdates: true,
      claimsDamages: false,
    };
    const reports: [string, object, string][] = [
      ['unknown variant', { ...good, variant: 'invisible' }, 'variant'],
      ['unknown kind', { ...good, kind: 'complaint' }, 'kind'],
      ['future date', { ...good, reportedOn: day(3) }, 'reportedOn'],
      ['not a date', { ...good, reportedOn: '1-12-2026' }, 'reportedOn'],
      ['oversized reference', { ...good, policeReference: 'X'.repeat(61) }, 'policeReference'],
      ['markup in reference', { ...good, policeReference: '<script>' }, 'policeReference'],
      ['unknown field', { ...good, homeAddress: 'Dorpsstraat 1' }, ''],
      ['missing field', { kind: 'aangifte', reportedOn: day(-1) }, ''],
    ];
    for (const [name, body, field] of reports) {
      const response = await call(owner, 'POST', `${base(id)}/police-reports`, body);
      expect(response.statusCode, name).toBe(400);
      expect(response.headers['content-type'], name).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem.errors?.length, `${name}: ${response.body}`).toBeGreaterThan(0);
      if (field) expect(JSON.stringify(problem.errors), name).toContain(field);
    }
    const choices: [string, object][] = [
      ['unknown variant', { variant: 'anoniem' }],
      ['unknown addressee', { internalReport: { to: 'wethouder', on: day(-1) } }],
      ['future internal report', { internalReport: { to: 'griffier', on: day(5) } }],
      ['unknown field', { variant: 'op_naam', threatLevel: 'high' }],
      ['empty', {}],
    ];
    for (const [name, body] of choices) {
      const response = await call(owner, 'PUT', `${base(id)}/choices`, body);
      expect(response.statusCode, name).toBe(400);
      expect(response.json().errors?.length, `${name}: ${response.body}`).toBeGreaterThan(0);
    }
    expect(await count('aangifte_police_reports')).toBe(before.reports);
    expect(await count('aangifte_preparations')).toBe(before.choices);
    expect(await count('incident_follow_ups')).toBe(before.followUps);
  });

  it('keeps the reference and the choices out of a database dump', async () => {
    const dump = await dumpAllRows(t);
    expect(containsCanary(dump, REFERENCE)).toBe(false);
    // The choice values as stored (the package's own texts name the variants and "griffier", so those words are no probe).
    for (const plain of ['onder_nummer', 'vptRequested', 'internalReport']) {
      expect(dump.includes(plain), plain).toBe(false);
    }
  });
});
