import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import {
  call,
  expectStatus,
  NO_REQUEST_LIMIT,
  type SupportWorld,
  submitSipa,
  submitSupport,
  supportRequest,
  supportWorld,
} from '../../../../test/helpers/cases.ts';
import { expectedCleanJpeg, gpsTaggedJpeg, png } from '../../../../test/helpers/image-fixtures.ts';
import { recordIncident, uploadEvidence } from '../../../../test/helpers/incidents.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { rowsOf } from '../../db/index.ts';
import { auditLog } from '../audit/db.ts';

/**
 * Sharing an incident with the Ondersteuningsteam by consent (issue #15 point 4): the ladder of every
 * route, who sees what (exactly the consented parts and files), the audit about the owner, withdrawal
 * (404 at once), and hostile input refused with nothing stored.
 */

const FULL_INCIDENT = {
  occurredOn: '2026-11-28',
  occurredAt: '21:15',
  whatHappened: 'Shared-what: een man stond bij mijn huis te schreeuwen.',
  channel: 'at_home',
  where: 'Private-where: voor de deur, Kerkstraat',
  forms: ['threat', 'intimidation'],
  targets: ['self', 'partner'],
  perpetratorKind: 'individual',
  perpetratorDescription: 'Private-perp: lange man, rode jas',
  perpetratorHandle: '@private_handle',
  severity: 'very_serious',
  aimedAt: 'office',
  internalReport: { to: 'burgemeester', on: '2026-11-29' },
};
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('sharing an incident with a support request', () => {
  let t: TestApp;
  let w: SupportWorld;
  let relative: TestActor;
  const owner = () => w.requester;

  const base = (caseId: string) => `/api/cases/${caseId}/support/incidents`;
  const one = (caseId: string, incidentId: string) => `${base(caseId)}/${incidentId}`;
  const file = (caseId: string, incidentId: string, evidenceId: string) =>
    `${one(caseId, incidentId)}/evidence/${evidenceId}`;

  /** An incident of `actor` with every field, a follow-up, a GPS-tagged photo and a screenshot. */
  async function fullIncident(actor: TestActor) {
    const incidentId = await recordIncident(t, actor, FULL_INCIDENT);
    const followUp = await call(t, actor, 'POST', `/api/me/incidents/${incidentId}/follow-ups`, {
      occurredOn: '2026-11-29',
      kind: 'internal_report',
      text: 'Gemeld bij de burgemeester.',
    });
    await expectStatus(followUp, 201, 'follow-up');
    const photo = await uploadEvidence(
      t,
      actor,
      incidentId,
      { fileName: 'voordeur.jpg', bytes: gpsTaggedJpeg() },
      { caption: 'Shared-caption: de man bij de deur' },
    );
    await expectStatus(photo, 201, 'photo');
    const shot = await uploadEvidence(
      t,
      actor,
      incidentId,
      { fileName: 'private-screenshot.png', bytes: png({ metadata: true }) },
      { caption: 'Private-caption: het bericht' },
    );
    await expectStatus(shot, 201, 'screenshot');
    return {
      incidentId,
      photoId: photo.json().evidence.id as string,
      shotId: shot.json().evidence.id as string,
    };
  }

  async function auditCount(action: string, caseId: string) {
    const [row] = await t.app.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.recordId, caseId), eq(auditLog.action, action as never)));
    return row?.n ?? 0;
  }

  async function shareRows() {
    const rows = rowsOf<{ n: number }>(
      await t.app.db.execute(sql`SELECT count(*)::int AS n FROM case_incident_shares`),
    );
    return rows[0]?.n ?? 0;
  }

  /** A new request with the incident attached (what and channel, the photo only), taken by the confidant. */
  async function sharedCase() {
    const incident = await fullIncident(owner());
    const created = await call(
      t,
      owner(),
      'POST',
      '/api/support/requests',
      supportRequest({
        incident: {
          incidentId: incident.incidentId,
          fields: ['whatHappened', 'channel', 'followUps'],
          evidenceIds: [incident.photoId],
        },
      }),
    );
    await expectStatus(created, 201, 'request with incident');
    const caseId = created.json().caseId as string;
    await expectStatus(await call(t, w.confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200, 'take');
    return { caseId, ...incident };
  }

  beforeAll(async () => {
    t = await createTestApp({ env: NO_REQUEST_LIMIT });
    w = await supportWorld(t);
    relative = await createActor(t, ['relative']);
  }, 60_000);
  afterAll(async () => t?.close());

  it('shows the assigned confidant exactly the consented parts and files, audited about the owner', async () => {
    const { caseId, incidentId, photoId, shotId } = await sharedCase();
    const before = await auditCount('support.incident_read', caseId);
    const response = await call(t, w.confidant, 'GET', one(caseId, incidentId));
    await expectStatus(response, 200, 'confidant');
    const { shared } = response.json();
    expect(shared.fields).toEqual(['whatHappened', 'channel', 'followUps']);
    expect(shared.occurredOn).toBe('2026-11-28');
    expect(shared.whatHappened).toBe(FULL_INCIDENT.whatHappened);
    expect(shared.channel).toBe('at_home');
    expect(shared.followUps).toEqual([
      { occurredOn: '2026-11-29', kind: 'internal_report', text: 'Gemeld bij de burgemeester.' },
    ]);
    for (const absent of ['where', 'occurredAt', 'forms', 'targets', 'perpetrator', 'severity', 'aimedAt']) {
      expect(shared, absent).not.toHaveProperty(absent);
    }
    expect(shared).not.toHaveProperty('internalReport');
    expect(shared.evidence.map((evidence: { id: string }) => evidence.id)).toEqual([photoId]);
    expect(shared.evidence[0]).toMatchObject({
      fileName: 'voordeur.jpg',
      caption: 'Shared-caption: de man bij de deur',
      hasMetadata: true,
    });
    // Nothing of what was not chosen is anywhere in the answer.
    for (const secret of ['Private-', '@private_handle', 'Kerkstraat', shotId, '21:15', 'very_serious']) {
      expect(response.body).not.toContain(secret);
    }
    expect(await auditCount('support.incident_read', caseId)).toBe(before + 1);

    // The consented photo opens as the app shows it: without its location data; the other file is 404.
    const photo = await call(t, w.confidant, 'GET', file(caseId, incidentId, photoId));
    await expectStatus(photo, 200, 'photo');
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['cache-control']).toBe('no-store');
    expect(photo.rawPayload.equals(expectedCleanJpeg())).toBe(true);
    expect(photo.rawPayload.includes(Buffer.from('GPS'))).toBe(false);
    expect(await auditCount('support.incident_evidence_read', caseId)).toBe(1);
    await expectStatus(await call(t, w.confidant, 'GET', file(caseId, incidentId, shotId)), 404, 'not consented');
    await expectStatus(await call(t, w.confidant, 'GET', file(caseId, incidentId, MISSING)), 404, 'missing');
    expect(await auditCount('support.incident_evidence_read', caseId)).toBe(1);

    // The coordinator sees the same; the owner too, without an entry about themselves.
    await expectStatus(await call(t, w.coordinator, 'GET', one(caseId, incidentId)), 200, 'coordinator');
    await expectStatus(await call(t, owner(), 'GET', one(caseId, incidentId)), 200, 'owner');
    expect(await auditCount('support.incident_read', caseId)).toBe(before + 2);

    // In the owner's "Wie heeft mijn gegevens ingezien?", with its Dutch and English text.
    const log = (await call(t, owner(), 'GET', '/api/me/access-log')).json();
    const byAction = (action: string) =>
      log.entries.filter((entry: { action: string; recordType: string }) => entry.action === action);
    expect(byAction('support.incident_read').map((e: { actorRoles: string[] }) => e.actorRoles.join(','))).toEqual(
      expect.arrayContaining(['confidant', 'ot_coordinator']),
    );
    expect(
      byAction('support.incident_read').every((e: { recordType: string }) => e.recordType === 'support_case'),
    ).toBe(true);
    expect(byAction('support.incident_evidence_read')[0]?.description).toEqual({
      nl: 'opende een bewijsbestand van het incident dat u deelde',
      en: 'opened an evidence file of the incident you shared',
    });

    // The case detail lists the share (ids, date, counts) for the requester and the confidant.
    const detail = (await call(t, w.confidant, 'GET', `/api/cases/${caseId}`)).json();
    expect(detail.typeDetail.incidents).toEqual([
      {
        incidentId,
        sharedAt: expect.any(String),
        fields: ['whatHappened', 'channel', 'followUps'],
        evidenceCount: 1,
      },
    ]);
    expect(detail.viewer.actions).toContain('read_incident');
  });

  it('answers 404 to everyone else (grantees with every scope included) and 401 to anonymous callers', async () => {
    const { caseId, incidentId, photoId } = await sharedCase();
    for (const [grantee, scopes] of [
      [w.peer, ['summary', 'intake', 'messages', 'attachments']],
      [w.expert, ['summary']],
    ] as const) {
      const proposed = await call(t, w.confidant, 'POST', `/api/cases/${caseId}/grants`, {
        personId: grantee.personId,
        scopes,
      });
      await expectStatus(proposed, 201, 'propose');
      await expectStatus(
        await call(t, owner(), 'POST', `/api/cases/${caseId}/grants/${proposed.json().id}/consent`, { scopes }),
        200,
        'consent',
      );
    }
    const peerDetail = await call(t, w.peer, 'GET', `/api/cases/${caseId}`);
    await expectStatus(peerDetail, 200, 'peer detail');
    expect(peerDetail.json().typeDetail.incidents).toEqual([]);
    const others = {
      sameAssociation: w.sameAssociationConfidant,
      otherAssociation: w.otherAssociationConfidant,
      peer: w.peer,
      expert: w.expert,
      admin: w.admin,
      stranger: w.stranger,
      sipa: w.sipaAdvisor,
      relative,
    };
    for (const [name, actor] of Object.entries(others)) {
      for (const url of [one(caseId, incidentId), file(caseId, incidentId, photoId)]) {
        const response = await call(t, actor, 'GET', url);
        await expectStatus(response, 404, `${name} ${url}`);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      // The incident's own routes stay the owner's alone.
      await expectStatus(await call(t, actor, 'GET', `/api/me/incidents/${incidentId}`), 404, `${name} own route`);
    }
    await expectStatus(await call(t, w.confidant, 'GET', `/api/me/incidents/${incidentId}`), 404, 'confidant own');
    for (const url of [one(caseId, incidentId), file(caseId, incidentId, photoId)]) {
      await expectStatus(await call(t, null, 'GET', url), 401, `anonymous ${url}`);
    }
    expect(await auditCount('support.incident_read', caseId)).toBe(0);
    expect(await auditCount('support.incident_evidence_read', caseId)).toBe(0);
  });

  it('climbs the ladder on the read routes: 401, 400, 404, 200', async () => {
    const { caseId, incidentId, photoId } = await sharedCase();
    await expectStatus(await call(t, null, 'GET', one(caseId, incidentId)), 401, '401');
    await expectStatus(await call(t, w.confidant, 'GET', one('not-a-uuid', incidentId)), 400, 'bad case id');
    await expectStatus(await call(t, w.confidant, 'GET', one(caseId, 'nope')), 400, 'bad incident id');
    await expectStatus(await call(t, w.confidant, 'GET', file(caseId, incidentId, '..%2F..%2Fkeys')), 400, 'path');
    await expectStatus(await call(t, w.confidant, 'GET', one(MISSING, incidentId)), 404, 'missing case');
    await expectStatus(await call(t, w.confidant, 'GET', one(caseId, MISSING)), 404, 'not shared');
    await expectStatus(await call(t, w.confidant, 'GET', one(caseId, incidentId)), 200, '200');
    await expectStatus(await call(t, w.confidant, 'GET', file(caseId, incidentId, photoId)), 200, 'file 200');
    // A SIPA case has no shared incidents: 404 even for its requester.
    const sipa = await submitSipa(t, owner());
    await expectStatus(await call(t, owner(), 'GET', one(sipa.caseId, incidentId)), 404, 'sipa case');
  });

  it('withdraws at once: the confidant and coordinator get 404 on the incident and its files', async () => {
    const { caseId, incidentId, photoId } = await sharedCase();
    await expectStatus(await call(t, w.confidant, 'GET', file(caseId, incidentId, photoId)), 200, 'before');
    // Ladder of the withdraw route.
    await expectStatus(await call(t, null, 'POST', `${one(caseId, incidentId)}/withdraw`, {}), 401, '401');
    await expectStatus(await call(t, owner(), 'POST', `${one(caseId, 'x')}/withdraw`, {}), 400, '400');
    await expectStatus(await call(t, w.confidant, 'POST', `${one(caseId, incidentId)}/withdraw`, {}), 404, 'staff');
    await expectStatus(await call(t, w.stranger, 'POST', `${one(caseId, incidentId)}/withdraw`, {}), 404, 'stranger');
    await expectStatus(await call(t, owner(), 'POST', `${one(caseId, MISSING)}/withdraw`, {}), 404, 'not shared');
    await expectStatus(await call(t, owner(), 'POST', `${one(caseId, incidentId)}/withdraw`, {}), 200, 'withdraw');
    expect(await auditCount('support.incident_share_withdrawn', caseId)).toBe(1);
    const reads = await auditCount('support.incident_read', caseId);
    for (const actor of [w.confidant, w.coordinator, owner()]) {
      await expectStatus(await call(t, actor, 'GET', one(caseId, incidentId)), 404, 'incident after');
      await expectStatus(await call(t, actor, 'GET', file(caseId, incidentId, photoId)), 404, 'file after');
    }
    expect(await auditCount('support.incident_read', caseId)).toBe(reads);
    expect((await call(t, owner(), 'GET', `/api/cases/${caseId}`)).json().typeDetail.incidents).toEqual([]);
    // Withdrawing twice: nothing is shared any more.
    await expectStatus(await call(t, owner(), 'POST', `${one(caseId, incidentId)}/withdraw`, {}), 404, 'twice');
    const shares = await call(t, owner(), 'GET', `/api/support/incident-shares?incidentId=${incidentId}`);
    expect(shares.json()).toEqual({ shares: [] });
  });

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
