import { and, count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseAssignments,
  caseAttachments,
  caseEvents,
  caseGrants,
  caseMessages,
  caseNotes,
  cases,
} from '../../src/server/modules/cases/db.ts';
import { sessions } from '../../src/server/modules/sessions/db.ts';
import { caseIncidentShares, supportCases } from '../../src/server/modules/support/db.ts';
import { SHIPPED_QUESTIONNAIRE } from '../../src/shared/zelfscan/shipped.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { call, expectStatus, NO_REQUEST_LIMIT, sipaDetails, submitSipa, submitSupport } from '../helpers/cases.ts';
import { png } from '../helpers/image-fixtures.ts';
import { recordIncident, uploadEvidence } from '../helpers/incidents.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { uniformAnswers } from '../helpers/zelfscan-answers.ts';

/**
 * The authorization matrix of every case route: each route × each kind of caller, with the answer each
 * cell must give. A cell that should succeed runs on a fresh case (so one success cannot change the
 * next cell); all cells that should fail run on one shared case, which must be exactly as it was
 * afterwards (nothing changed by a refused call).
 *
 * Legend — why a cell has its value:
 *   200/201  allowed: the caller's relation to the case (src/server/lib/policy.ts) permits it, and the state fits.
 *   400      allowed relation, refused input: the requester may close only by withdrawing.
 *   401      not signed in.
 *   403      function level (config.access): the route needs a role the caller does not hold at all
 *            (e.g. notes and status changes need a staff role; assigning needs ot_coordinator).
 *   404      object level: the caller has no relation to this case, or a relation without the permission
 *            (a grantee without the scope; a coordinator on a requester-only action). The same answer as
 *            for a case that does not exist, so nobody learns that it does.
 *   409      relation allows it, the case's state or type does not (a SIPA case cannot be shared).
 *
 * Callers (support cases): owner = the requester (burgemeester → routed to NGB); assigned = the NGB
 * confidant who took it (in `submitted` rows: the NGB confidant who may take it); coord = ot_coordinator;
 * sameRole = another NGB confidant, not assigned; otherAssoc = an NVvR confidant; admin; stranger =
 * another officeholder; gFull = a peer let in with every scope; gSum = an expert let in with `summary`
 * only; sipa = a SIPA advisor; anon = not signed in.
 */

const SUPPORT_COLUMNS = [
  'owner',
  'assigned',
  'coord',
  'sameRole',
  'otherAssoc',
  'admin',
  'stranger',
  'gFull',
  'gSum',
  'sipa',
  'anon',
] as const;

// biome-ignore format: the matrix is a table
const SUPPORT_MATRIX = `
id                state      | owner assigned coord sameRole otherAssoc admin stranger gFull gSum sipa anon
detail            open       | 200   200      200   404      404        404   404      200   200  404  401
timeline          open       | 200   200      200   404      404        404   404      200   200  404  401
messages.read     open       | 200   200      200   404      404        404   404      200   404  404  401
messages.write    open       | 201   201      404   404      404        404   404      201   404  404  401
notes.read        open       | 403   200      200   404      404        403   403      403   403  404  401
notes.write       open       | 403   201      201   404      404        403   403      403   403  404  401
files.list        open       | 200   200      200   404      404        404   404      200   404  404  401
files.upload      open       | 201   201      404   404      404        404   404      404   404  404  401
files.download    open       | 200   200      200   404      404        404   404      200   404  404  401
status            open       | 403   200      404   404      404        403   403      403   403  404  401
urgency           open       | 403   200      200   404      404        403   403      403   403  404  401
assign            open       | 403   403      200   403      403        403   403      403   403  403  401
take              submitted  | 403   200      200   200      404        403   403      403   403  404  401
release           open       | 403   200      200   404      404        403   403      403   403  404  401
close.staff       open       | 400   200      200   404      404        404   404      404   404  404  401
close.withdraw    open       | 200   200      200   404      404        404   404      404   404  404  401
reopen            closed     | 200   404      404   404      404        404   404      404   404  404  401
feedback          closed     | 200   404      404   404      404        404   404      404   404  404  401
erase             closed     | 200   404      404   404      404        404   404      404   404  404  401
grant.propose     open       | 403   201      404   404      404        403   403      403   403  404  401
grant.consent     open       | 200   404      404   404      404        404   404      404   404  404  401
grant.decline     open       | 200   404      404   404      404        404   404      404   404  404  401
grant.revoke      open       | 200   200      404   404      404        404   404      404   404  404  401
advice.support    open       | 403   200      404   404      404        403   403      403   403  403  401
zelfscan.withdraw open       | 200   404      404   404      404        404   404      404   404  404  401
zelfscan.read     open       | 200   200      200   404      404        404   404      404   404  404  401
incident.share    open       | 200   404      404   404      404        404   404      404   404  404  401
incident.withdraw open       | 200   404      404   404      404        404   404      404   404  404  401
incident.read     open       | 200   200      200   404      404        404   404      404   404  404  401
incident.file     open       | 200   200      200   404      404        404   404      404   404  404  401
sipa.pdf          advised    | 404   404      404   404      404        404   404      404   404  404  401
sipa.conflict     open       | 403   403      403   403      403        403   403      403   403  404  401
sipa.advice       open       | 403   403      403   403      403        403   403      403   403  404  401
sipa.intake       open       | 403   403      403   403      403        403   403      403   403  404  401
sipa.details      open       | 404   403      403   403      403        403   404      403   403  403  401
ws.slots          open       | 403   403      403   403      403        403   403      403   403  403  401
ws.pick           open       | 404   403      403   403      403        403   404      403   403  403  401
ws.decline        open       | 404   403      403   403      403        403   404      403   403  403  401
ws.move           open       | 403   403      403   403      403        403   403      403   403  403  401
ws.reschedule     open       | 404   403      403   403      403        403   404      403   403  403  401
ws.cancel         open       | 404   404      404   404      404        404   404      404   404  404  401
ws.ics            open       | 404   404      404   404      404        404   404      404   404  404  401
ws.address        open       | 404   404      404   404      404        404   404      404   404  404  401
ws.visit          open       | 403   403      403   403      403        403   403      403   403  403  401
ws.advice         open       | 403   403      403   403      403        403   403      403   403  403  401
ws.pdf            open       | 404   404      404   404      404        404   404      404   404  404  401
ws.measure        open       | 404   404      404   404      404        404   404      404   404  404  401
ws.progress       open       | 404   404      404   404      404        404   404      404   404  404  401
`;
// Notes on particular cells:
// - messages.write: the coordinator triages but does not talk to the requester unless assigned (assign yourself).
// - files.upload: a grantee may read files with the `attachments` scope, but only requester and assigned staff add them.
// - status: only the assigned staff member moves the case along; the coordinator assigns, closes and releases.
// - take: in `submitted` there is no assignee yet; NGB confidants and the coordinator may take it, the NVvR
//   confidant and the SIPA advisor (staff roles, but not eligible) get 404.
// - grant.consent/decline: only the requester decides about letting someone in; assigned staff may revoke.
// - sipa.*: SIPA-only routes on a support case: 403 without the sipa_advisor role, 404 for a SIPA advisor.
// - sipa.pdf: the requester and assigned staff may download advice, but there is no SIPA advice on a support case.
// - ws.*: the woningscan's routes on a support case: 403 without the route's role (the CCV adviser's routes
//   for everyone here, the office holder's for staff and admin), otherwise 404 (it is no woningscan case).
// - zelfscan.read: who may read the intake sees the shared zelfscan result, except a grantee: the requester shared
//   it with their confidant, and no grant scope names it (so gFull, with `intake`, gets 404 too).
// - incident.*: a shared incident (and its consented files) the same way as the zelfscan; only the requester
//   attaches one of their incidents or stops sharing it (staff have no say in the consent).

interface ParsedRow {
  id: string;
  state: string;
  expected: Record<string, number>;
}

function parseMatrix(table: string): { columns: string[]; rows: ParsedRow[] } {
  const lines = table
    .trim()
    .split('\n')
    .map((line) => line.trim());
  const header = lines[0] ?? '';
  const columns = (header.split('|')[1] ?? '').trim().split(/\s+/);
  const rows = lines.slice(1).map((line) => {
    const [left = '', right = ''] = line.split('|');
    const [id = '', state = ''] = left.trim().split(/\s+/);
    const values = right.trim().split(/\s+/).map(Number);
    if (values.length !== columns.length) throw new Error(`matrix row ${id} has ${values.length} cells`);
    return { id, state, expected: Object.fromEntries(columns.map((c, i) => [c, values[i] ?? 0])) };
  });
  return { columns, rows };
}

interface Scenario {
  caseId: string;
  reference: string;
  attachmentId: string;
  activeGrantId: string;
  proposedGrantId: string;
  /** An incident of the requester shared with the case, its one consented file, and one not shared. */
  incidentId?: string;
  evidenceId?: string;
  spareIncidentId?: string;
  /** A woningscan time and measure: a support case has none (made-up ids), except in the route check. */
  slotId?: string;
  measureId?: string;
}

interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: (s: Scenario) => string;
  body?: (s: Scenario) => unknown;
  multipart?: boolean;
}

function multipartBody(fileName: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----weerbaar${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function send(
  t: TestApp,
  actor: TestActor | null,
  spec: RequestSpec,
  scenario: Scenario,
): Promise<LightMyRequestResponse> {
  if (spec.multipart) {
    const { payload, contentType } = multipartBody('brief.png', png());
    return t.app.inject({
      method: spec.method,
      url: spec.url(scenario),
      headers: { ...(actor?.headers ?? {}), 'content-type': contentType },
      payload,
    });
  }
  return call(t, actor, spec.method, spec.url(scenario), spec.body ? spec.body(scenario) : undefined);
}

const base = (s: Scenario) => `/api/cases/${s.caseId}`;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

const SUPPORT_REQUESTS: Record<string, RequestSpec> = {
  detail: { method: 'GET', url: base },
  timeline: { method: 'GET', url: (s) => `${base(s)}/timeline` },
  'messages.read': { method: 'GET', url: (s) => `${base(s)}/messages` },
  'messages.write': { method: 'POST', url: (s) => `${base(s)}/messages`, body: () => ({ body: 'Hallo' }) },
  'notes.read': { method: 'GET', url: (s) => `${base(s)}/notes` },
  'notes.write': { method: 'POST', url: (s) => `${base(s)}/notes`, body: () => ({ body: 'Intern' }) },
  'files.list': { method: 'GET', url: (s) => `${base(s)}/attachments` },
  'files.upload': { method: 'POST', url: (s) => `${base(s)}/attachments`, multipart: true },
  'files.download': { method: 'GET', url: (s) => `${base(s)}/attachments/${s.attachmentId}` },
  status: { method: 'POST', url: (s) => `${base(s)}/status`, body: () => ({ to: 'waiting_for_requester' }) },
  urgency: { method: 'POST', url: (s) => `${base(s)}/urgency`, body: () => ({ urgency: 'urgent' }) },
  assign: { method: 'POST', url: (s) => `${base(s)}/assign`, body: () => ({ personId: person('sameRole').personId }) },
  take: { method: 'POST', url: (s) => `${base(s)}/take`, body: () => ({}) },
  release: { method: 'POST', url: (s) => `${base(s)}/release`, body: () => ({}) },
  'close.staff': { method: 'POST', url: (s) => `${base(s)}/close`, body: () => ({ outcome: 'advice_given' }) },
  'close.withdraw': { method: 'POST', url: (s) => `${base(s)}/close`, body: () => ({ outcome: 'withdrawn' }) },
  reopen: { method: 'POST', url: (s) => `${base(s)}/reopen`, body: () => ({ reason: 'Het speelt weer.' }) },
  feedback: { method: 'POST', url: (s) => `${base(s)}/feedback`, body: () => ({ rating: 4 }) },
  erase: { method: 'POST', url: (s) => `${base(s)}/erase`, body: (s) => ({ reference: s.reference }) },
  'grant.propose': {
    method: 'POST',
    url: (s) => `${base(s)}/grants`,
    body: () => ({ personId: person('thirdPeer').personId, scopes: ['messages'] }),
  },
  'grant.consent': {
    method: 'POST',
    url: (s) => `${base(s)}/grants/${s.proposedGrantId}/consent`,
    body: () => ({ scopes: ['summary'] }),
  },
  'grant.decline': { method: 'POST', url: (s) => `${base(s)}/grants/${s.proposedGrantId}/decline`, body: () => ({}) },
  'grant.revoke': { method: 'POST', url: (s) => `${base(s)}/grants/${s.activeGrantId}/revoke`, body: () => ({}) },
  'advice.support': {
    method: 'PUT',
    url: (s) => `${base(s)}/support/advice`,
    body: () => ({ advice: [{ kind: 'training', explanation: 'Volg de training.', linkKey: 'package.training' }] }),
  },
  'zelfscan.withdraw': { method: 'POST', url: (s) => `${base(s)}/support/zelfscan/withdraw`, body: () => ({}) },
  'zelfscan.read': { method: 'GET', url: (s) => `${base(s)}/support/zelfscan` },
  'incident.share': {
    method: 'POST',
    url: (s) => `${base(s)}/support/incidents`,
    body: (s) => ({ incidentId: s.spareIncidentId, fields: ['whatHappened'], evidenceIds: [] }),
  },
  'incident.withdraw': {
    method: 'POST',
    url: (s) => `${base(s)}/support/incidents/${s.incidentId}/withdraw`,
    body: () => ({}),
  },
  'incident.read': { method: 'GET', url: (s) => `${base(s)}/support/incidents/${s.incidentId}` },
  'incident.file': {
    method: 'GET',
    url: (s) => `${base(s)}/support/incidents/${s.incidentId}/evidence/${s.evidenceId}`,
  },
  'ws.slots': {
    method: 'POST',
    url: (s) => `${base(s)}/woningscan/slots`,
    body: () => ({ slots: [{ startsAt: '2099-03-02T09:00:00Z', endsAt: '2099-03-02T10:00:00Z' }] }),
  },
  'ws.pick': { method: 'POST', url: (s) => `${base(s)}/woningscan/slots/${s.slotId ?? NO_SUCH_ID}/pick` },
  'ws.decline': { method: 'POST', url: (s) => `${base(s)}/woningscan/slots/decline` },
  'ws.move': {
    method: 'PUT',
    url: (s) => `${base(s)}/woningscan/appointment`,
    body: () => ({ startsAt: '2099-03-02T09:00:00Z', endsAt: '2099-03-02T10:00:00Z' }),
  },
  'ws.reschedule': { method: 'POST', url: (s) => `${base(s)}/woningscan/appointment/reschedule-request` },
  'ws.cancel': { method: 'POST', url: (s) => `${base(s)}/woningscan/appointment/cancel` },
  'ws.ics': { method: 'GET', url: (s) => `${base(s)}/woningscan/appointment.ics` },
  'ws.address': { method: 'GET', url: (s) => `${base(s)}/woningscan/address` },
  'ws.visit': { method: 'POST', url: (s) => `${base(s)}/woningscan/visit`, body: () => ({ visitedOn: '2026-01-05' }) },
  'ws.advice': {
    method: 'PUT',
    url: (s) => `${base(s)}/woningscan/advice`,
    body: () => ({ advice: { home: 'a', work: '', digital: '', travel: '' }, measures: [] }),
  },
  'ws.pdf': { method: 'GET', url: (s) => `${base(s)}/woningscan/advice.pdf` },
  'ws.measure': {
    method: 'PATCH',
    url: (s) => `${base(s)}/woningscan/measures/${s.measureId ?? NO_SUCH_ID}`,
    body: () => ({ state: 'ordered' }),
  },
  'ws.progress': {
    method: 'PUT',
    url: (s) => `${base(s)}/woningscan/progress`,
    body: () => ({ bvaAdviceReceivedOn: null, pkvwStatus: 'unknown', pkvwCertifiedOn: null }),
  },
  'sipa.pdf': { method: 'GET', url: (s) => `${base(s)}/sipa/advice.pdf` },
  'sipa.intake': {
    method: 'POST',
    url: (s) => `${base(s)}/sipa/intake`,
    body: () => ({ heldAt: new Date().toISOString(), agreement: 'share_details', message: '' }),
  },
  'sipa.details': {
    method: 'PUT',
    url: (s) => `${base(s)}/sipa/details`,
    body: () => sipaDetails(),
  },
  'sipa.conflict': {
    method: 'POST',
    url: (s) => `${base(s)}/sipa/conflict-check`,
    body: () => ({ decision: 'no_conflict' }),
  },
  'sipa.advice': {
    method: 'PUT',
    url: (s) => `${base(s)}/sipa/advice`,
    body: () => ({
      advice: {
        preliminaryInquiry: 'a',
        assignment: 'b',
        researchQuestions: [],
        investigatorChoice: 'c',
        safeguards: 'd',
        privacy: 'e',
        communication: 'f',
      },
    }),
  },
};

let t: TestApp;
const world = {} as Record<string, TestActor | null>;
/** A signed-in person of the world (never the anonymous column). */
const person = (name: string): TestActor => {
  const actor = world[name];
  if (!actor) throw new Error(`no person ${name}`);
  return actor;
};

/** What a refused call must not change: the case row and the number of rows hanging off it. */
async function snapshot(caseId: string) {
  const [row] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries({
    caseMessages,
    caseNotes,
    caseAttachments,
    caseEvents,
    caseAssignments,
  })) {
    const [result] = await t.app.db.select({ n: count() }).from(table).where(eq(table.caseId, caseId));
    counts[name] = result?.n ?? 0;
  }
  const shares = await t.app.db
    .select({ incidentId: caseIncidentShares.incidentId, revokedAt: caseIncidentShares.revokedAt })
    .from(caseIncidentShares)
    .where(eq(caseIncidentShares.caseId, caseId))
    .orderBy(caseIncidentShares.incidentId);
  const grants = await t.app.db
    .select({
      id: caseGrants.id,
      consentedAt: caseGrants.consentedAt,
      revokedAt: caseGrants.revokedAt,
      declinedAt: caseGrants.declinedAt,
      scopes: caseGrants.scopes,
    })
    .from(caseGrants)
    .where(eq(caseGrants.caseId, caseId))
    .orderBy(caseGrants.id);
  return { row, counts, grants, shares };
}

async function supportScenario(state: string): Promise<Scenario> {
  const { caseId, reference } = await submitSupport(t, person('owner'));
  const scenario: Scenario = { caseId, reference, attachmentId: '', activeGrantId: '', proposedGrantId: '' };
  if (state === 'submitted') return scenario;
  const confidant = person('assigned');
  await expectStatus(await call(t, confidant, 'POST', `${base(scenario)}/take`, {}), 200, 'take');
  await expectStatus(
    await call(t, confidant, 'POST', `${base(scenario)}/status`, { to: 'in_progress' }),
    200,
    'status',
  );
  await expectStatus(await call(t, confidant, 'POST', `${base(scenario)}/messages`, { body: 'Eerste reactie' }), 201);
  const upload = await send(
    t,
    person('owner'),
    { method: 'POST', url: (s) => `${base(s)}/attachments`, multipart: true },
    scenario,
  );
  await expectStatus(upload, 201, 'upload');
  scenario.attachmentId = upload.json().id;
  const grant = async (grantee: TestActor, scopes: string[], consent: string[] | null) => {
    const proposed = await call(t, confidant, 'POST', `${base(scenario)}/grants`, {
      personId: grantee.personId,
      scopes,
    });
    await expectStatus(proposed, 201, 'propose');
    const id: string = proposed.json().id;
    if (consent) {
      await expectStatus(
        await call(t, person('owner'), 'POST', `${base(scenario)}/grants/${id}/consent`, { scopes: consent }),
        200,
      );
    }
    return id;
  };
  scenario.activeGrantId = await grant(
    person('gFull'),
    ['intake', 'messages', 'attachments'],
    ['summary', 'intake', 'messages', 'attachments'],
  );
  await grant(person('gSum'), ['summary', 'messages'], ['summary']);
  scenario.proposedGrantId = await grant(person('pendingPeer'), ['messages'], null);
  // A shared zelfscan result: one the requester saved (set the reference directly, as sharing it with the request does).
  const saved = await call(t, person('owner'), 'POST', '/api/me/zelfscan/results', {
    questionnaireVersion: SHIPPED_QUESTIONNAIRE.version,
    answers: uniformAnswers(SHIPPED_QUESTIONNAIRE, 'first').answers,
  });
  await expectStatus(saved, 201, 'zelfscan');
  await t.app.db
    .update(supportCases)
    .set({ zelfscanResultId: saved.json().result.id, zelfscanSharedAt: new Date() })
    .where(eq(supportCases.caseId, caseId));
  // A shared incident with its one consented file, and another incident not shared (to share in a cell).
  scenario.incidentId = await recordIncident(t, person('owner'));
  const file = await uploadEvidence(t, person('owner'), scenario.incidentId, { fileName: 'brief.png', bytes: png() });
  await expectStatus(file, 201, 'evidence');
  scenario.evidenceId = file.json().evidence.id;
  await expectStatus(
    await call(t, person('owner'), 'POST', `${base(scenario)}/support/incidents`, {
      incidentId: scenario.incidentId,
      fields: ['whatHappened'],
      evidenceIds: [scenario.evidenceId],
    }),
    200,
    'share incident',
  );
  scenario.spareIncidentId = await recordIncident(t, person('owner'));
  if (state === 'advised') {
    await expectStatus(
      await send(t, confidant, SUPPORT_REQUESTS['advice.support'] as RequestSpec, scenario),
      200,
      'advice',
    );
  }
  if (state === 'closed') {
    await expectStatus(await call(t, confidant, 'POST', `${base(scenario)}/close`, { outcome: 'advice_given' }), 200);
    // Erasing needs a recent sign-in (step-up); the matrix may run longer than that window.
    await t.app.db
      .update(sessions)
      .set({ authenticatedAt: new Date() })
      .where(eq(sessions.id, person('owner').sessionId));
  }
  return scenario;
}

describe('authorization matrix: support cases', () => {
  const { columns, rows } = parseMatrix(SUPPORT_MATRIX);

  beforeAll(async () => {
    t = await createTestApp({ env: NO_REQUEST_LIMIT });
    Object.assign(world, {
      owner: await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Heerde' }),
      assigned: await createActor(t, ['confidant'], { association: 'ngb' }),
      coord: await createActor(t, ['ot_coordinator']),
      sameRole: await createActor(t, ['confidant'], { association: 'ngb' }),
      otherAssoc: await createActor(t, ['confidant'], { association: 'nvvr' }),
      admin: await createActor(t, ['admin']),
      stranger: await createActor(t, ['officeholder'], { office: 'raadslid' }),
      gFull: await createActor(t, ['peer']),
      gSum: await createActor(t, ['expert'], { expertField: 'security' }),
      sipa: await createActor(t, ['sipa_advisor']),
      anon: null,
      thirdPeer: await createActor(t, ['peer']),
      pendingPeer: await createActor(t, ['peer']),
    });
  });
  afterAll(() => t.close());

  it('covers every case route of the API, and every column', () => {
    expect(columns).toEqual([...SUPPORT_COLUMNS]);
    const caseRoutes = t.app
      .registeredRoutes()
      .filter((route) => route.url.startsWith('/api/cases/:caseId') && route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    const covered = new Set(
      rows.map((row) => {
        const spec = SUPPORT_REQUESTS[row.id] as RequestSpec;
        const url = spec.url({
          caseId: ':caseId',
          reference: '',
          attachmentId: ':attachmentId',
          activeGrantId: ':grantId',
          proposedGrantId: ':grantId',
          incidentId: ':incidentId',
          slotId: ':slotId',
          measureId: ':measureId',
          evidenceId: ':evidenceId',
        });
        return `${spec.method} ${url}`;
      }),
    );
    expect(caseRoutes.filter((route) => !covered.has(route))).toEqual([]);
  });

  for (const row of parseMatrix(SUPPORT_MATRIX).rows) {
    it(`${row.id} (${row.state})`, { timeout: 120_000 }, async () => {
      const spec = SUPPORT_REQUESTS[row.id];
      if (!spec) throw new Error(`no request for ${row.id}`);
      const shared = await supportScenario(row.state);
      const before = await snapshot(shared.caseId);
      const failures: string[] = [];
      for (const column of SUPPORT_COLUMNS) {
        const expected = row.expected[column] ?? 0;
        const actor = world[column] ?? null;
        // Reads run on the shared case too (they must change nothing); successful writes get a fresh case.
        const succeeds = expected >= 200 && expected < 300 && spec.method !== 'GET';
        const scenario = succeeds ? await supportScenario(row.state) : shared;
        const response = await send(t, actor, spec, scenario);
        if (response.statusCode !== expected) {
          failures.push(`${column}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
      }
      expect(failures).toEqual([]);
      // Refused calls changed nothing.
      expect(await snapshot(shared.caseId)).toEqual(before);
    });
  }

  it('ends a grantee’s access at the very next request when the requester revokes', async () => {
    const scenario = await supportScenario('open');
    await expectStatus(await call(t, person('gFull'), 'GET', `${base(scenario)}/messages`), 200);
    await expectStatus(
      await call(t, person('owner'), 'POST', `${base(scenario)}/grants/${scenario.activeGrantId}/revoke`, {}),
      200,
    );
    await expectStatus(await call(t, person('gFull'), 'GET', `${base(scenario)}/messages`), 404);
    await expectStatus(await call(t, person('gFull'), 'GET', base(scenario)), 404);
    // A declined proposal never gave access.
    await expectStatus(
      await call(t, person('owner'), 'POST', `${base(scenario)}/grants/${scenario.proposedGrantId}/decline`, {}),
      200,
    );
    await expectStatus(await call(t, person('pendingPeer'), 'GET', base(scenario)), 404);
  });

  it('shows a grantee only what the granted scopes name', async () => {
    const scenario = await supportScenario('open');
    const summaryOnly = (await call(t, person('gSum'), 'GET', base(scenario))).json();
    expect(summaryOnly.typeDetail.intake).toBeNull();
    expect(summaryOnly.typeDetail.advice).toEqual([]);
    expect(summaryOnly.grants).toBeNull();
    expect(summaryOnly.sla).toBeNull();
    expect(summaryOnly.viewer).toMatchObject({ relations: ['grantee'], scopes: ['summary'] });
    const full = (await call(t, person('gFull'), 'GET', base(scenario))).json();
    expect(full.typeDetail.intake.body).toBe('Ik word bedreigd.');
    expect(full.viewer.scopes).toEqual(['summary', 'intake', 'messages', 'attachments']);
    // Reads by grantees are in the requester's access log.
    const log = (await call(t, person('owner'), 'GET', '/api/me/access-log')).json();
    expect(
      log.entries.some(
        (e: { action: string; actorRoles: string[] }) => e.action === 'case.read' && e.actorRoles.includes('expert'),
      ),
    ).toBe(true);
  });

  it('never lets an id of another person’s case in through a route of one’s own', async () => {
    const mine = await supportScenario('open');
    const theirs = await submitSupport(t, person('stranger'));
    // The owner of `mine` uses their own attachment id with another case id, and the other way round.
    await expectStatus(
      await call(t, person('owner'), 'GET', `/api/cases/${theirs.caseId}/attachments/${mine.attachmentId}`),
      404,
    );
    await expectStatus(await call(t, person('owner'), 'GET', `/api/cases/${theirs.caseId}`), 404);
    await expectStatus(
      await call(t, person('owner'), 'POST', `/api/cases/${theirs.caseId}/messages`, { body: 'x' }),
      404,
    );
    await expectStatus(
      await call(t, person('owner'), 'POST', `/api/cases/${theirs.caseId}/grants/${mine.activeGrantId}/revoke`, {}),
      404,
    );
    // A grant id of this case used on another case of the same person: not found there.
    const second = await supportScenario('open');
    await expectStatus(
      await call(t, person('owner'), 'POST', `/api/cases/${second.caseId}/grants/${mine.activeGrantId}/revoke`, {}),
      404,
    );
    const [stillActive] = await t.app.db
      .select({ revokedAt: caseGrants.revokedAt })
      .from(caseGrants)
      .where(and(eq(caseGrants.id, mine.activeGrantId)));
    expect(stillActive?.revokedAt).toBeNull();
  });
});

// biome-ignore format: the matrix is a table
const SIPA_MATRIX = `
id                state      | owner assigned otherAdvisor coord confidant admin stranger anon
detail            open       | 200   200      404          404   404       404   404      401
timeline          open       | 200   200      404          404   404       404   404      401
messages.read     open       | 200   200      404          404   404       404   404      401
messages.write    open       | 201   201      404          404   404       404   404      401
notes.read        open       | 403   200      404          404   404       403   403      401
notes.write       open       | 403   201      404          404   404       403   403      401
files.list        open       | 200   200      404          404   404       404   404      401
files.upload      open       | 201   201      404          404   404       404   404      401
files.download    open       | 200   200      404          404   404       404   404      401
status            open       | 403   200      404          404   404       403   403      401
urgency           open       | 403   200      404          404   404       403   403      401
assign            open       | 403   403      403          404   403       403   403      401
take              submitted  | 403   200      200          404   404       403   403      401
intake            calling    | 403   200      404          403   403       403   403      401
details           agreed     | 200   403      403          403   403       403   404      401
conflict          checking   | 403   200      404          403   403       403   403      401
release           open       | 403   200      404          404   404       403   403      401
advice            open       | 403   200      404          403   403       403   403      401
pdf               advised    | 200   200      404          404   404       404   404      401
close.withdraw    open       | 200   200      404          404   404       404   404      401
grant.propose     open       | 403   409      404          404   404       403   403      401
support.advice    open       | 403   403      403          404   404       403   403      401
support.zelfscan  open       | 404   404      404          404   404       404   404      401
`;
// Notes: callers are owner = the requesting burgemeester; assigned = the SIPA advisor who took it and confirmed
// there is no conflict of interest (in `submitted`: an advisor who may take it; in `calling`: who took it and
// calls; in `agreed`: who held the phone intake, details agreed; in `checking`: the details are shared);
// otherAdvisor = another SIPA advisor; coord = an ot_coordinator who is also a confidant (OT staff never see
// SIPA cases: no coordinator role exists for SIPA); confidant; admin; stranger = another officeholder.
// - assign: ot_coordinator passes the route's role gate, but has no relation to a SIPA case: 404.
// - grant.propose: SIPA cases are never shared with peers or experts: 409 for the advisor.
// - support.advice: the OT advice route on a SIPA case: 403 without an OT role, 404 for OT staff (no relation).
// - support.zelfscan: a SIPA case has no shared zelfscan result: 404 for everyone, its requester too.

describe('authorization matrix: SIPA cases', () => {
  let s: TestApp;
  const people = {} as Record<string, TestActor | null>;
  const requests: Record<string, RequestSpec> = {
    ...SUPPORT_REQUESTS,
    intake: SUPPORT_REQUESTS['sipa.intake'] as RequestSpec,
    details: SUPPORT_REQUESTS['sipa.details'] as RequestSpec,
    conflict: SUPPORT_REQUESTS['sipa.conflict'] as RequestSpec,
    advice: SUPPORT_REQUESTS['sipa.advice'] as RequestSpec,
    pdf: SUPPORT_REQUESTS['sipa.pdf'] as RequestSpec,
    'support.advice': SUPPORT_REQUESTS['advice.support'] as RequestSpec,
    'support.zelfscan': SUPPORT_REQUESTS['zelfscan.read'] as RequestSpec,
    'grant.propose': {
      method: 'POST',
      url: (sc) => `${base(sc)}/grants`,
      body: () => ({ personId: (people.peer as TestActor).personId, scopes: ['messages'] }),
    },
  };

  async function sipaScenario(state: string): Promise<Scenario> {
    const owner = people.owner as TestActor;
    const advisor = people.assigned as TestActor;
    const { caseId, reference } = await submitSipa(s, owner);
    const scenario: Scenario = { caseId, reference, attachmentId: '', activeGrantId: '', proposedGrantId: '' };
    if (state === 'submitted') return scenario;
    await expectStatus(await call(s, advisor, 'POST', `${base(scenario)}/take`, {}), 200, 'take');
    if (state === 'calling') return scenario;
    await expectStatus(await send(s, advisor, requests.intake as RequestSpec, scenario), 200, 'intake');
    if (state === 'agreed') return scenario;
    await expectStatus(await send(s, owner, requests.details as RequestSpec, scenario), 200, 'details');
    if (state === 'checking') return scenario;
    await expectStatus(
      await call(s, advisor, 'POST', `${base(scenario)}/sipa/conflict-check`, { decision: 'no_conflict' }),
      200,
    );
    const upload = await send(
      s,
      owner,
      { method: 'POST', url: (sc) => `${base(sc)}/attachments`, multipart: true },
      scenario,
    );
    await expectStatus(upload, 201, 'upload');
    scenario.attachmentId = upload.json().id;
    if (state === 'advised') await expectStatus(await send(s, advisor, requests.advice as RequestSpec, scenario), 200);
    return scenario;
  }

  beforeAll(async () => {
    s = await createTestApp({ env: NO_REQUEST_LIMIT });
    Object.assign(people, {
      owner: await createActor(s, ['officeholder'], { office: 'burgemeester' }),
      assigned: await createActor(s, ['sipa_advisor']),
      otherAdvisor: await createActor(s, ['sipa_advisor']),
      coord: await createActor(s, ['ot_coordinator', 'confidant'], { association: 'ngb' }),
      confidant: await createActor(s, ['confidant'], { association: 'ngb' }),
      admin: await createActor(s, ['admin']),
      stranger: await createActor(s, ['officeholder'], { office: 'burgemeester' }),
      anon: null,
      peer: await createActor(s, ['peer']),
    });
  });
  afterAll(() => s.close());

  for (const row of parseMatrix(SIPA_MATRIX).rows) {
    it(`${row.id} (${row.state})`, { timeout: 120_000 }, async () => {
      const spec = requests[row.id];
      if (!spec) throw new Error(`no request for ${row.id}`);
      const shared = await sipaScenario(row.state);
      const t0 = t;
      t = s; // snapshot() reads from the current app
      try {
        const before = await snapshot(shared.caseId);
        const failures: string[] = [];
        for (const [column, expected] of Object.entries(row.expected)) {
          const succeeds = expected >= 200 && expected < 300 && spec.method !== 'GET';
          const scenario = succeeds ? await sipaScenario(row.state) : shared;
          const response = await send(s, people[column] ?? null, spec, scenario);
          if (response.statusCode !== expected) {
            failures.push(`${column}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
          }
        }
        expect(failures).toEqual([]);
        expect(await snapshot(shared.caseId)).toEqual(before);
      } finally {
        t = t0;
      }
    });
  }
});
