import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import {
  call,
  expectStatus,
  NO_REQUEST_LIMIT,
  type SupportWorld,
  submitSupport,
  supportRequest,
  supportWorld,
} from '../../../../test/helpers/cases.ts';
import { FULL_INCIDENT, incidentShareKit, MISSING } from '../../../../test/helpers/incident-share-world.ts';
import { recordIncident } from '../../../../test/helpers/incidents.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { rowsOf } from '../../db/index.ts';

/**
 * Sharing an incident with the Ondersteuningsteam by consent (issue #15 point 4), continued: adding to an
 * open request, hostile input refused with nothing stored, what the owner deleted, and relatives.
 */

describe('sharing an incident with a support request: adding, hostile input, deletion, relatives', () => {
  let t: TestApp;
  let w: SupportWorld;
  let relative: TestActor;
  const { owner, base, one, file, fullIncident, auditCount, shareRows, sharedCase } = incidentShareKit(() => ({
    t,
    w,
  }));

  beforeAll(async () => {
    t = await createTestApp({ env: NO_REQUEST_LIMIT });
    w = await supportWorld(t);
    relative = await createActor(t, ['relative']);
  }, 60_000);
  afterAll(async () => t?.close());

  it('adds an incident to an open request of the requester; the ladder and hostile input change nothing', async () => {
    const { caseId } = await submitSupport(t, owner());
    const { incidentId, photoId, shotId } = await fullIncident(owner());
    const other = await fullIncident(w.stranger);
    const consent = { incidentId, fields: ['whatHappened', 'where'], evidenceIds: [shotId] };
    const rowsBefore = await shareRows();

    await expectStatus(await call(t, null, 'POST', base(caseId), consent), 401, '401');
    const hostile: [string, unknown][] = [
      ['bad case id', null],
      ['unknown field', { ...consent, fields: ['whatHappened', 'homeAddress'] }],
      ['duplicate field', { ...consent, fields: ['where', 'where'] }],
      ['duplicate file', { ...consent, evidenceIds: [shotId, shotId] }],
      ['nothing chosen', { ...consent, fields: [], evidenceIds: [] }],
      ['extra key', { ...consent, ownerId: w.stranger.personId }],
      ['bad file id', { ...consent, evidenceIds: ['../../etc/passwd'] }],
      ['too many files', { ...consent, evidenceIds: Array.from({ length: 31 }, () => crypto.randomUUID()) }],
      ['not an object', ['whatHappened']],
      [
        'prototype pollution',
        JSON.parse(`{"incidentId":"${incidentId}","fields":["where"],"evidenceIds":[],"__proto__":{"x":1}}`),
      ],
    ];
    for (const [name, body] of hostile) {
      const url = name === 'bad case id' ? base('nope') : base(caseId);
      const response = await call(t, owner(), 'POST', url, name === 'bad case id' ? consent : body);
      await expectStatus(response, 400, name);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // Someone else's incident, a file of another incident, an incident that does not exist: 400, same code.
    for (const [name, body] of [
      ['someone else’s incident', { ...consent, incidentId: other.incidentId, evidenceIds: [] }],
      ['a file of another incident', { ...consent, evidenceIds: [other.photoId] }],
      ['no such incident', { ...consent, incidentId: MISSING, evidenceIds: [] }],
    ] as const) {
      const response = await call(t, owner(), 'POST', base(caseId), body);
      await expectStatus(response, 400, name);
      expect(response.json().code).toBe('incident_not_shareable');
    }
    // Someone else's case, or staff on it: 404.
    await expectStatus(await call(t, w.stranger, 'POST', base(caseId), consent), 404, 'stranger');
    await expectStatus(await call(t, w.coordinator, 'POST', base(caseId), consent), 404, 'coordinator');
    await expectStatus(await call(t, owner(), 'POST', base(MISSING), consent), 404, 'missing case');
    expect(await shareRows()).toBe(rowsBefore);
    expect(await auditCount('support.incident_shared', caseId)).toBe(0);

    const shared = await call(t, owner(), 'POST', base(caseId), consent);
    await expectStatus(shared, 200, '200');
    expect(await shareRows()).toBe(rowsBefore + 1);
    expect(await auditCount('support.incident_shared', caseId)).toBe(1);
    const read = (await call(t, w.coordinator, 'GET', one(caseId, incidentId))).json().shared;
    expect(read.where).toBe(FULL_INCIDENT.where);
    expect(read.evidence.map((e: { id: string }) => e.id)).toEqual([shotId]);
    expect(read).not.toHaveProperty('channel');

    // Sharing again renews the consent with the new choice (one row per case and incident).
    await expectStatus(
      await call(t, owner(), 'POST', base(caseId), { incidentId, fields: ['channel'], evidenceIds: [photoId] }),
      200,
      'renew',
    );
    expect(await shareRows()).toBe(rowsBefore + 1);
    const renewed = (await call(t, w.coordinator, 'GET', one(caseId, incidentId))).json().shared;
    expect(renewed).not.toHaveProperty('where');
    expect(renewed.channel).toBe('at_home');
    expect(renewed.evidence.map((e: { id: string }) => e.id)).toEqual([photoId]);

    // Where it is shared, for the incident page; someone else's incident: 404; bad query: 400.
    const list = await call(t, owner(), 'GET', `/api/support/incident-shares?incidentId=${incidentId}`);
    await expectStatus(list, 200, 'list');
    expect(list.json().shares).toEqual([
      { caseId, incidentId, sharedAt: expect.any(String), fields: ['channel'], evidenceIds: [photoId] },
    ]);
    await expectStatus(await call(t, null, 'GET', `/api/support/incident-shares?incidentId=${incidentId}`), 401);
    await expectStatus(await call(t, owner(), 'GET', '/api/support/incident-shares?incidentId=x'), 400, 'bad query');
    await expectStatus(
      await call(t, w.stranger, 'GET', `/api/support/incident-shares?incidentId=${incidentId}`),
      404,
      'not theirs',
    );
    await expectStatus(
      await call(t, owner(), 'GET', `/api/support/incident-shares?incidentId=${MISSING}`),
      404,
      'missing',
    );

    // A closed request takes no new incident (409), but the consent can still be withdrawn.
    await expectStatus(
      await call(t, owner(), 'POST', `/api/cases/${caseId}/close`, { outcome: 'withdrawn' }),
      200,
      'close',
    );
    const late = await call(t, owner(), 'POST', base(caseId), {
      incidentId: other.incidentId,
      fields: ['where'],
      evidenceIds: [],
    });
    await expectStatus(late, 409, 'closed');
    await expectStatus(await call(t, owner(), 'POST', `${one(caseId, incidentId)}/withdraw`, {}), 200, 'withdraw');
  });

  it('refuses a new request whose incident is not the requester’s, storing nothing', async () => {
    const other = await fullIncident(w.stranger);
    const [before] = rowsOf<{ n: number }>(await t.app.db.execute(sql`SELECT count(*)::int AS n FROM cases`));
    const shares = await shareRows();
    for (const incident of [
      { incidentId: other.incidentId, fields: ['whatHappened'], evidenceIds: [] },
      { incidentId: MISSING, fields: ['whatHappened'], evidenceIds: [] },
    ]) {
      const response = await call(t, owner(), 'POST', '/api/support/requests', supportRequest({ incident } as never));
      await expectStatus(response, 400, 'not theirs');
      expect(response.json().code).toBe('incident_not_shareable');
    }
    const bad = await call(t, owner(), 'POST', '/api/support/requests', {
      ...supportRequest(),
      incident: { incidentId: other.incidentId, fields: ['everything'], evidenceIds: [] },
    });
    await expectStatus(bad, 400, 'unknown field');
    const [after] = rowsOf<{ n: number }>(await t.app.db.execute(sql`SELECT count(*)::int AS n FROM cases`));
    expect(after?.n).toBe(before?.n);
    expect(await shareRows()).toBe(shares);
  });

  it('stops showing what the owner deleted: a file, then the whole incident', async () => {
    const { caseId, incidentId, photoId } = await sharedCase();
    await expectStatus(
      await call(t, owner(), 'DELETE', `/api/me/incidents/${incidentId}/evidence/${photoId}`),
      200,
      'delete file',
    );
    const after = await call(t, w.confidant, 'GET', one(caseId, incidentId));
    await expectStatus(after, 200, 'incident without the file');
    expect(after.json().shared.evidence).toEqual([]);
    await expectStatus(await call(t, w.confidant, 'GET', file(caseId, incidentId, photoId)), 404, 'deleted file');
    await expectStatus(await call(t, owner(), 'DELETE', `/api/me/incidents/${incidentId}`), 204, 'delete incident');
    await expectStatus(await call(t, w.confidant, 'GET', one(caseId, incidentId)), 404, 'deleted incident');
  });

  it('lets a relative share their own incident with their own request', async () => {
    const incidentId = await recordIncident(t, relative);
    const created = await call(
      t,
      relative,
      'POST',
      '/api/support/requests',
      supportRequest({ incident: { incidentId, fields: ['whatHappened'], evidenceIds: [] } }),
    );
    await expectStatus(created, 201, 'relative request');
    const caseId = created.json().caseId as string;
    await expectStatus(await call(t, w.coordinator, 'GET', one(caseId, incidentId)), 200, 'coordinator');
    await expectStatus(await call(t, w.confidant, 'GET', one(caseId, incidentId)), 404, 'not assigned');
  });
});
