import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import {
  call,
  expectStatus,
  NO_REQUEST_LIMIT,
  sipaDetails,
  sipaRequest,
  submitSipa,
} from '../../../../test/helpers/cases.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { auditLog } from '../audit/db.ts';
import { cases } from '../cases/db.ts';
import { sipaCases } from './db.ts';

/**
 * SIPA's own process through the API (domain.md §8): nothing confidential before the phone intake. The
 * new routes — POST /api/cases/:caseId/sipa/intake (the advisor) and PUT /api/cases/:caseId/sipa/details
 * (the requester) — each with the ladder 401 → 400 → 404 → 200, hostile input refused with nothing
 * stored, the refusal before the intake, and the audit rows of staff access. On PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
describe("SIPA's phone-intake process", () => {
  let t: TestApp;
  let mayor: TestActor;
  let advisor: TestActor;
  let otherAdvisor: TestActor;
  let stranger: TestActor;
  const intakeUrl = (caseId: string) => `/api/cases/${caseId}/sipa/intake`;
  const detailsUrl = (caseId: string) => `/api/cases/${caseId}/sipa/details`;
  const intake = (overrides: Record<string, unknown> = {}) => ({
    heldAt: new Date().toISOString(),
    agreement: 'share_details',
    message: 'U deelt het signaal hier; donderdag bel ik u terug.',
    ...overrides,
  });

  /** What a refused call must not have changed: the case row, the type row and the case's audit rows. */
  async function stateOf(caseId: string) {
    const [row] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
    const [sipa] = await t.app.db.select().from(sipaCases).where(eq(sipaCases.caseId, caseId));
    const audits = await t.app.db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.recordId, caseId));
    return { row, sipa, audits: audits.length };
  }

  async function auditRows(caseId: string, action: string) {
    return t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, caseId), eq(auditLog.action, action)));
  }

  async function takenCase(): Promise<string> {
    const { caseId } = await submitSipa(t, mayor);
    await expectStatus(await call(t, advisor, 'POST', `/api/cases/${caseId}/take`, {}), 200, 'take');
    return caseId;
  }

  beforeAll(async () => {
    t = await createTestApp({ env: NO_REQUEST_LIMIT });
    mayor = await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Heerde' });
    advisor = await createActor(t, ['sipa_advisor']);
    otherAdvisor = await createActor(t, ['sipa_advisor']);
    stranger = await createActor(t, ['officeholder'], { office: 'burgemeester' });
  });
  afterAll(() => t.close());

  describe('the request', () => {
    it('asks nothing confidential: a phone number (stored as +digits), times to call, the organisation', async () => {
      const { caseId } = await submitSipa(t, mayor, { phone: '+31 (0)20 123 45 67', callTimes: ['evening'] });
      const detail = (await call(t, mayor, 'GET', `/api/cases/${caseId}`)).json();
      expect(detail.typeDetail.intake).toMatchObject({
        organisation: 'Gemeente Heerde',
        phone: '+31201234567',
        callTimes: ['evening'],
        signal: null,
        personConcerned: null,
        answers: null,
      });
      expect(detail.typeDetail.phoneIntake).toEqual({
        state: 'pending',
        heldAt: null,
        agreement: null,
        message: null,
        detailsSharedAt: null,
      });
      expect(detail.viewer.actions).not.toContain('share_details');
      expect(detail.viewer.actions).not.toContain('upload_attachment');
    });

    it('refuses phone numbers without the digits of one, and any confidential field, storing nothing', async () => {
      const before = (await t.app.db.select({ id: cases.id }).from(cases)).length;
      for (const body of [
        sipaRequest({ phone: '(-- --)' }),
        sipaRequest({ phone: '06 1234' }),
        { ...sipaRequest(), signal: { what: 'x', since: 'this_week', source: 'other' } },
        { ...sipaRequest(), personConcerned: { name: 'Y', position: 'Z' } },
      ]) {
        const response = await call(t, mayor, 'POST', '/api/sipa/requests', body);
        expect(response.statusCode, response.body).toBe(400);
      }
      const phone = (await call(t, mayor, 'POST', '/api/sipa/requests', sipaRequest({ phone: '(-- --)' }))).json();
      expect(phone.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'body/phone' })]));
      expect((await t.app.db.select({ id: cases.id }).from(cases)).length).toBe(before);
    });

    it('shows the queue the phase and the times to call, never the number', async () => {
      const { caseId } = await submitSipa(t, mayor, { phone: '06 5555 4444' });
      const queue = (await call(t, advisor, 'GET', '/api/cases/queue?type=sipa&view=unassigned')).json();
      const item = queue.items.find((candidate: { id: string }) => candidate.id === caseId);
      expect(item.typeSummary).toEqual({ phase: 'intake_call', callTimes: 'morning,afternoon' });
      expect(JSON.stringify(queue)).not.toContain('5555');
    });
  });

  describe('POST /api/cases/:caseId/sipa/intake', () => {
    it('climbs the ladder 401 → 400 → 404 → 200', async () => {
      const caseId = await takenCase();
      await expectStatus(await call(t, null, 'POST', intakeUrl(caseId), intake()), 401, 'anonymous');
      await expectStatus(await call(t, advisor, 'POST', intakeUrl('not-a-uuid'), intake()), 400, 'bad id');
      await expectStatus(await call(t, advisor, 'POST', intakeUrl(caseId), intake({ agreement: 'maybe' })), 400);
      await expectStatus(await call(t, advisor, 'POST', intakeUrl(randomUUID()), intake()), 404, 'no such case');
      await expectStatus(await call(t, otherAdvisor, 'POST', intakeUrl(caseId), intake()), 404, 'not assigned');
      await expectStatus(await call(t, mayor, 'POST', intakeUrl(caseId), intake()), 403, 'not an advisor');
      const response = await call(t, advisor, 'POST', intakeUrl(caseId), intake());
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ id: caseId, status: 'details_requested' });
      // Once: the intake is held.
      await expectStatus(await call(t, advisor, 'POST', intakeUrl(caseId), intake()), 409, 'twice');
    });

    it('is the first response, tells the requester what was agreed and is audited', async () => {
      const caseId = await takenCase();
      await expectStatus(await call(t, advisor, 'POST', intakeUrl(caseId), intake()), 200);
      const [row] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
      expect(row?.firstResponseAt).not.toBeNull();
      const mine = (await call(t, mayor, 'GET', `/api/cases/${caseId}`)).json();
      expect(mine.typeDetail.phoneIntake).toMatchObject({
        state: 'done',
        agreement: 'share_details',
        message: 'U deelt het signaal hier; donderdag bel ik u terug.',
      });
      expect(mine.viewer.actions).toEqual(expect.arrayContaining(['share_details', 'upload_attachment']));
      const timeline = (await call(t, mayor, 'GET', `/api/cases/${caseId}/timeline`)).json();
      expect(JSON.stringify(timeline)).toContain('intake_held');
      const [audit] = await auditRows(caseId, 'sipa.intake_recorded');
      expect(audit).toMatchObject({ actorPersonId: advisor.personId, subjectPersonId: mayor.personId });
      expect(audit?.details).toEqual({ agreement: 'share_details' });
      // The message is encrypted at rest.
      const [sipa] = await t.app.db.select().from(sipaCases).where(eq(sipaCases.caseId, caseId));
      expect(sipa?.intakeMessageEnvelope).not.toContain('donderdag');
    });

    it('refuses hostile input and a time outside the request and now, storing nothing', async () => {
      const caseId = await takenCase();
      const before = await stateOf(caseId);
      const hostile: [unknown, number][] = [
        [intake({ heldAt: 'gisteren' }), 400],
        [intake({ message: 'x'.repeat(2_001) }), 400],
        [intake({ extra: true }), 400],
        [{ ...intake(), agreement: ['share_details'] }, 400],
        [intake({ heldAt: new Date(Date.now() + 86_400_000).toISOString() }), 400],
        [intake({ heldAt: '2020-01-01T10:00:00Z' }), 400],
        ['not json at all', 415],
      ];
      for (const [body, status] of hostile) {
        const response = await call(t, advisor, 'POST', intakeUrl(caseId), body);
        expect(response.statusCode, response.body).toBe(status);
      }
      const future = await call(
        t,
        advisor,
        'POST',
        intakeUrl(caseId),
        intake({ heldAt: new Date(Date.now() + 86_400_000).toISOString() }),
      );
      expect(future.json()).toMatchObject({ code: 'sipa_intake_time', errors: [{ field: 'heldAt' }] });
      expect(await stateOf(caseId)).toEqual(before);
    });

    it('with guidance only: no details and no documents follow', async () => {
      const caseId = await takenCase();
      await expectStatus(
        await call(t, advisor, 'POST', intakeUrl(caseId), intake({ agreement: 'guidance_only' })),
        200,
      );
      const refused = await call(t, mayor, 'PUT', detailsUrl(caseId), sipaDetails());
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'sipa_details_not_agreed', errors: [{ field: 'signal' }] });
      const mine = (await call(t, mayor, 'GET', `/api/cases/${caseId}`)).json();
      expect(mine.status).toBe('in_progress');
      expect(mine.viewer.actions).not.toContain('share_details');
    });
  });

  describe('PUT /api/cases/:caseId/sipa/details', () => {
    async function agreedCase(): Promise<string> {
      const caseId = await takenCase();
      await expectStatus(await call(t, advisor, 'POST', intakeUrl(caseId), intake()), 200, 'intake');
      return caseId;
    }

    it('is refused before the phone intake, with the reason on the form, and stores nothing', async () => {
      const { caseId } = await submitSipa(t, mayor);
      for (const when of ['in the queue', 'taken, not yet called']) {
        if (when !== 'in the queue')
          await expectStatus(await call(t, advisor, 'POST', `/api/cases/${caseId}/take`, {}), 200);
        const before = await stateOf(caseId);
        const response = await call(t, mayor, 'PUT', detailsUrl(caseId), sipaDetails());
        expect(response.statusCode, when).toBe(409);
        expect(response.json()).toMatchObject({
          code: 'sipa_intake_first',
          errors: [{ field: 'signal', code: 'sipa_intake_first' }],
        });
        expect(await stateOf(caseId)).toEqual(before);
        const detail = (await call(t, mayor, 'GET', `/api/cases/${caseId}`)).json();
        expect(detail.typeDetail.intake.signal).toBeNull();
      }
    });

    it('climbs the ladder 401 → 400 → 404 → 200', async () => {
      const caseId = await agreedCase();
      await expectStatus(await call(t, null, 'PUT', detailsUrl(caseId), sipaDetails()), 401, 'anonymous');
      await expectStatus(await call(t, mayor, 'PUT', detailsUrl('x'), sipaDetails()), 400, 'bad id');
      await expectStatus(
        await call(t, mayor, 'PUT', detailsUrl(caseId), { ...sipaDetails(), signal: { what: '' } }),
        400,
        'bad body',
      );
      await expectStatus(await call(t, mayor, 'PUT', detailsUrl(randomUUID()), sipaDetails()), 404, 'no such case');
      await expectStatus(await call(t, stranger, 'PUT', detailsUrl(caseId), sipaDetails()), 404, 'not theirs');
      await expectStatus(await call(t, advisor, 'PUT', detailsUrl(caseId), sipaDetails()), 403, 'not a requester');
      const response = await call(t, mayor, 'PUT', detailsUrl(caseId), sipaDetails());
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ id: caseId, status: 'conflict_check' });
      const again = await call(t, mayor, 'PUT', detailsUrl(caseId), sipaDetails());
      expect(again.json()).toMatchObject({ code: 'sipa_details_already_shared' });
    });

    it('refuses hostile input, storing nothing', async () => {
      const caseId = await agreedCase();
      const before = await stateOf(caseId);
      const good = sipaDetails();
      for (const body of [
        { ...good, personConcerned: { name: 'x'.repeat(201), position: 'wethouder' } },
        { ...good, signal: { ...good.signal, what: 'x'.repeat(5_001) } },
        { ...good, signal: { ...good.signal, source: 'rumour' } },
        { ...good, answers: { doneSoFar: '', question: '   ' } },
        { ...good, requesterId: randomUUID() },
        { signal: good.signal },
        [],
      ]) {
        const response = await call(t, mayor, 'PUT', detailsUrl(caseId), body);
        expect(response.statusCode, response.body).toBe(400);
      }
      expect(await stateOf(caseId)).toEqual(before);
    });

    it('puts the advisor to the conflict check, with the person concerned read in the audit trail', async () => {
      const caseId = await agreedCase();
      await expectStatus(await call(t, mayor, 'PUT', detailsUrl(caseId), sipaDetails()), 200);
      const [shared] = await auditRows(caseId, 'sipa.details_shared');
      expect(shared).toMatchObject({ actorPersonId: mayor.personId, subjectPersonId: mayor.personId });

      const seen = (await call(t, advisor, 'GET', `/api/cases/${caseId}`)).json();
      expect(seen.typeDetail).toMatchObject({
        conflictCheck: 'pending',
        intake: { personConcerned: { name: 'J. Jansen' }, answers: { question: expect.any(String) } },
      });
      expect(seen.viewer.actions).toContain('conflict_check');
      expect(seen.viewer.actions).not.toContain('read_messages');
      // Staff access to the person concerned leaves a row the requester sees in their access log.
      const reads = await auditRows(caseId, 'sipa.person_concerned_read');
      expect(reads.map((row) => row.actorPersonId)).toContain(advisor.personId);
      const log = (await call(t, mayor, 'GET', '/api/me/access-log')).json();
      expect(log.entries.map((entry: { action: string }) => entry.action)).toEqual(
        expect.arrayContaining(['sipa.person_concerned_read', 'sipa.intake_recorded']),
      );
      // After the check, documents.
      await expectStatus(
        await call(t, advisor, 'POST', `/api/cases/${caseId}/sipa/conflict-check`, { decision: 'no_conflict' }),
        200,
      );
    });
  });
});
