import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import {
  call,
  expectStatus,
  NO_REQUEST_LIMIT,
  type SupportWorld,
  submitSipa,
  supportWorld,
} from '../../../../test/helpers/cases.ts';
import { expectedCleanJpeg } from '../../../../test/helpers/image-fixtures.ts';
import { FULL_INCIDENT, incidentShareKit, MISSING } from '../../../../test/helpers/incident-share-world.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

/**
 * Sharing an incident with the Ondersteuningsteam by consent (issue #15 point 4): the ladder of every
 * route, who sees what (exactly the consented parts and files), the audit about the owner, withdrawal
 * (404 at once), and hostile input refused with nothing stored.
 */

describe('sharing an incident with a support request', () => {
  let t: TestApp;
  let w: SupportWorld;
  let relative: TestActor;
  const { owner, one, file, auditCount, sharedCase } = incidentShareKit(() => ({
    t,
    w,
  }));

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
});
