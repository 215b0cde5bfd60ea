import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { buildCaseApp, dumpAllRows } from '../../../../test/helpers/cases.ts';
import { extractPdfText, flattenText } from '../../../../test/helpers/pdf-text.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { createTestDatabase } from '../../../../test/helpers/test-database.ts';
import { ok, parseIcs, send, woningscanRequest } from '../../../../test/helpers/woningscan.ts';
import { Keyring } from '../../lib/crypto/index.ts';

/**
 * The scheme rules over time (31 Dec 2023 → 1 Jan 2024, in Dutch time), who may ask, bad input and
 * cancellation, and the admins' scheme revisions.
 */

// 31 December 2023, 23:30 in Amsterdam (22:30 UTC): still the old schemes.
let clock = new Date('2023-12-31T22:30:00Z');
const HOUR = 60 * 60 * 1000;
const at = (offsetHours: number) => new Date(clock.getTime() + offsetHours * HOUR).toISOString();
const isOpen = (slot: { state: string }) => slot.state === 'open';
const keys = (schemes: { key: string }[]) => schemes.map((s) => s.key);

describe('woningscan rules', () => {
  let t: TestApp;
  let wethouder: TestActor;
  let raadslid: TestActor;
  let statenlid: TestActor;
  let adviser: TestActor;
  let admin: TestActor;
  let relative: TestActor;
  let caseId = '';

  beforeAll(async () => {
    const database = (await createTestDatabase()).database;
    t = await buildCaseApp(database, Keyring.generate(), { now: () => clock });
    wethouder = await createActor(t, ['officeholder'], { office: 'wethouder' });
    raadslid = await createActor(t, ['officeholder'], { office: 'raadslid' });
    statenlid = await createActor(t, ['officeholder'], { office: 'statenlid' });
    adviser = await createActor(t, ['ccv_advisor']);
    admin = await createActor(t, ['admin'], { displayName: 'Beheerder' });
    relative = await createActor(t, ['relative']);
  });
  afterAll(async () => {
    await t.close();
    await t.testDatabase.destroy();
  });

  describe('time travel across 31 December 2023 → 1 January 2024', () => {
    it('on 31 December 2023 (23:30 in Amsterdam): the woningscan regime and the €2,400 allowance', async () => {
      const w = (await send(t, wethouder, 'GET', '/api/woningscan/eligibility')).json();
      expect(w).toMatchObject({ on: '2023-12-31', eligible: true, reason: 'bestuurder' });
      expect(keys(w.schemes)).toEqual(['woningscan_2018', 'allowance_2021']);
      expect(w.schemes.find((s: { key: string }) => s.key === 'allowance_2021').content.capEuros).toBe(2400);
      const r = (await send(t, raadslid, 'GET', '/api/woningscan/eligibility')).json();
      expect(r).toMatchObject({ eligible: true, reason: 'council_member_scan', alternatives: [] });
      expect(r.schemes.map((s: { forYou: boolean }) => s.forYou)).toEqual([true, false]);
      const open = (await send(t, null, 'GET', '/api/woningscan/schemes')).json();
      expect(open.on).toBe('2023-12-31');
      expect(keys(open.schemes)).toEqual(['woningscan_2018', 'allowance_2021']);
    });

    it('a request made on 31 December 2023 shows the old schemes until the advice, written in 2024', async () => {
      const created = await send(t, wethouder, 'POST', '/api/woningscan/requests', woningscanRequest('2023-12-31'));
      await ok(created, 201);
      caseId = created.json().caseId;
      const before = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail;
      expect(before.schemesOn).toBe('2023-12-31');
      expect(keys(before.schemes)).toEqual(['woningscan_2018', 'allowance_2021']);
    });

    it('one hour later, 1 January 2024 (00:30 in Amsterdam, still 31 December in UTC): the new scheme only', async () => {
      clock = new Date('2023-12-31T23:30:00Z');
      const w = (await send(t, wethouder, 'GET', '/api/woningscan/eligibility')).json();
      expect(w.on).toBe('2024-01-01');
      expect(keys(w.schemes)).toEqual(['regeling_2024']);
      expect(w.schemes[0].content).toMatchObject({ capEuros: null, fixedPackage: [], pkvwRequired: true });
      // The raadslid is no longer eligible, and sees the alternatives.
      const r = (await send(t, raadslid, 'GET', '/api/woningscan/eligibility')).json();
      expect(r).toMatchObject({
        eligible: false,
        reason: 'not_a_bestuurder',
        alternatives: ['zelfscan', 'support_team', 'municipality'],
      });
      expect(r.schemes.map((s: { forYou: boolean }) => s.forYou)).toEqual([false]);
      const refused = await send(t, raadslid, 'POST', '/api/woningscan/requests', woningscanRequest('2024-01-02'));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('woningscan_not_eligible');
      const s = (await send(t, statenlid, 'GET', '/api/woningscan/eligibility')).json();
      expect(s).toMatchObject({ eligible: false, reason: 'not_a_bestuurder' });
      // Asking for a past day gives that day's schemes.
      const past = (await send(t, null, 'GET', '/api/woningscan/schemes?on=2022-06-01')).json();
      expect(keys(past.schemes)).toEqual(['woningscan_2018', 'allowance_2021']);
    });

    it('the advice written on 2 January 2024 carries the 2024 scheme, in the case and in the PDF', async () => {
      clock = new Date('2024-01-02T08:00:00Z');
      await ok(await send(t, adviser, 'POST', `/api/cases/${caseId}/take`));
      await ok(
        await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/slots`, {
          slots: [{ startsAt: at(2), endsAt: at(3) }],
        }),
      );
      const slot = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail.slots.find(isOpen);
      await ok(await send(t, wethouder, 'POST', `/api/cases/${caseId}/woningscan/slots/${slot.id}/pick`));
      clock = new Date('2024-01-02T12:00:00Z');
      await ok(await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/visit`, { visitedOn: '2024-01-02' }));
      await ok(
        await send(t, adviser, 'PUT', `/api/cases/${caseId}/woningscan/advice`, {
          advice: { home: 'Sloten vervangen.', work: '', digital: '', travel: '' },
          measures: [{ domain: 'home', description: 'SKG-sloten' }],
        }),
      );
      const after = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail;
      expect(after.schemesOn).toBe('2024-01-02');
      expect(keys(after.schemes)).toEqual(['regeling_2024']);
      expect(after.progress.bvaAdviceExpected).toBe(true);
      const text = flattenText(
        extractPdfText((await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/advice.pdf`)).rawPayload).text,
      );
      expect(text).toContain('Regeling beveiligingsmaatregelen decentrale bestuurders');
      expect(text).toContain('De regeling op 2 januari 2024');
      expect(text).not.toContain('2.400');
    });
  });

  describe('bad input: a clear 4xx with a field message, nothing stored', () => {
    it('refuses preferred periods in the past or ending before they start', async () => {
      clock = new Date('2026-05-04T09:00:00Z');
      await ok(await send(t, wethouder, 'POST', `/api/cases/${caseId}/close`, { outcome: 'withdrawn' }));
      const rowsBefore = (await dumpAllRows(t)).split('\n').filter((l) => l.startsWith('public.cases:')).length;
      const past = await send(
        t,
        wethouder,
        'POST',
        '/api/woningscan/requests',
        woningscanRequest('2026-05-01', { preferredPeriods: [{ from: '2026-05-01', to: '2026-05-10' }] }),
      );
      expect(past.statusCode).toBe(400);
      expect(past.json().errors[0]).toMatchObject({
        field: 'body/preferredPeriods/0/from',
        code: 'woningscan_date_in_past',
      });
      const backwards = await send(
        t,
        wethouder,
        'POST',
        '/api/woningscan/requests',
        woningscanRequest('2026-05-10', { preferredPeriods: [{ from: '2026-05-10', to: '2026-05-05' }] }),
      );
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().errors[0]).toMatchObject({
        field: 'body/preferredPeriods/0/to',
        code: 'woningscan_end_before_start',
      });
      const postcode = await send(
        t,
        wethouder,
        'POST',
        '/api/woningscan/requests',
        woningscanRequest('2026-05-10', {
          address: { street: 'x', houseNumber: '1', postcode: 'ABCD', city: 'y' },
        }),
      );
      expect(postcode.statusCode).toBe(400);
      const rowsAfter = (await dumpAllRows(t)).split('\n').filter((l) => l.startsWith('public.cases:')).length;
      expect(rowsAfter).toBe(rowsBefore);
    });

    it('refuses a second open request, and requests from relatives and staff', async () => {
      const first = await send(t, wethouder, 'POST', '/api/woningscan/requests', woningscanRequest('2026-05-05'));
      await ok(first, 201);
      caseId = first.json().caseId;
      const second = await send(t, wethouder, 'POST', '/api/woningscan/requests', woningscanRequest('2026-05-05'));
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('woningscan_request_open');
      expect(
        (await send(t, relative, 'POST', '/api/woningscan/requests', woningscanRequest('2026-05-05'))).statusCode,
      ).toBe(403);
      expect(
        (await send(t, adviser, 'POST', '/api/woningscan/requests', woningscanRequest('2026-05-05'))).statusCode,
      ).toBe(403);
      expect(
        (await send(t, null, 'POST', '/api/woningscan/requests', woningscanRequest('2026-05-05'))).statusCode,
      ).toBe(401);
    });

    it('refuses overlapping or past slots, and proposes nothing', async () => {
      await ok(await send(t, adviser, 'POST', `/api/cases/${caseId}/take`));
      const overlap = await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/slots`, {
        slots: [
          { startsAt: at(24), endsAt: at(26) },
          { startsAt: at(25), endsAt: at(27) },
        ],
      });
      expect(overlap.statusCode).toBe(400);
      expect(overlap.json().code).toBe('woningscan_slots_overlap');
      const past = await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/slots`, {
        slots: [{ startsAt: at(-24), endsAt: at(-23) }],
      });
      expect(past.statusCode).toBe(400);
      expect(past.json().errors[0].field).toBe('body/slots/0/startsAt');
      const detail = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json();
      expect(detail.status).toBe('accepted');
      expect(detail.typeDetail.slots).toEqual([]);
    });
  });

  describe('cancelling, by either side', () => {
    it('the person cancels: the invitation becomes METHOD:CANCEL with the same UID and the next SEQUENCE', async () => {
      await ok(
        await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/slots`, {
          slots: [{ startsAt: at(48), endsAt: at(49) }],
        }),
      );
      const slot = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail.slots.find(isOpen);
      await ok(await send(t, wethouder, 'POST', `/api/cases/${caseId}/woningscan/slots/${slot.id}/pick`));
      const booked = parseIcs((await send(t, adviser, 'GET', `/api/cases/${caseId}/woningscan/appointment.ics`)).body);
      await ok(await send(t, wethouder, 'POST', `/api/cases/${caseId}/woningscan/appointment/reschedule-request`));
      await ok(await send(t, wethouder, 'POST', `/api/cases/${caseId}/woningscan/appointment/cancel`));
      const cancelled = parseIcs(
        (await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/appointment.ics`)).body,
      );
      expect(cancelled).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: booked.uid, sequence: 1 });
      const notes = (await send(t, adviser, 'GET', '/api/me/notifications')).json().notifications;
      expect(notes[0].kind).toBe('appointment_changed');
      // Cancelled twice: nothing to cancel.
      expect((await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/appointment/cancel`)).statusCode).toBe(
        409,
      );
      // A new booking after a cancellation is a new invitation (a new UID).
      await ok(
        await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/slots`, {
          slots: [{ startsAt: at(72), endsAt: at(73) }],
        }),
      );
      const next = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail.slots.find(isOpen);
      await ok(await send(t, wethouder, 'POST', `/api/cases/${caseId}/woningscan/slots/${next.id}/pick`));
      const again = parseIcs((await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/appointment.ics`)).body);
      expect(again.uid).not.toBe(booked.uid);
      expect(again.sequence).toBe(0);
      // The adviser cancels: the same.
      await ok(await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/appointment/cancel`));
      expect(
        parseIcs((await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/appointment.ics`)).body),
      ).toMatchObject({ method: 'CANCEL', uid: again.uid, sequence: 1 });
    });

    it('closing removes the address even before a visit, and the ICS of the cancelled booking stays readable', async () => {
      await ok(await send(t, wethouder, 'POST', `/api/cases/${caseId}/close`, { outcome: 'withdrawn' }));
      expect((await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/address`)).statusCode).toBe(409);
      const detail = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail;
      expect(detail.addressOnFile).toBe(false);
      expect(detail.addressRemovedAt).not.toBeNull();
    });
  });

  describe('schemes kept by admins, with history', () => {
    it('admins add a revision (audited); everyone else may not; bad content is refused', async () => {
      const list = await send(t, admin, 'GET', '/api/admin/woningscan/schemes');
      await ok(list);
      expect(keys(list.json().schemes)).toEqual(['woningscan_2018', 'allowance_2021', 'regeling_2024']);
      const current = list.json().schemes[2];
      const revised = await send(t, admin, 'POST', '/api/admin/woningscan/schemes/regeling_2024/revisions', {
        content: { ...current.content, validTo: '2030-12-31' },
        note: 'Einddatum bekend',
      });
      await ok(revised, 201);
      const history = revised.json().revisions;
      expect(history.map((r: { revision: number; source: string }) => [r.revision, r.source])).toEqual([
        [1, 'release'],
        [2, 'admin'],
      ]);
      expect(history[1]).toMatchObject({ authorName: 'Beheerder', note: 'Einddatum bekend' });
      const later = (await send(t, null, 'GET', '/api/woningscan/schemes?on=2031-01-01')).json();
      expect(later.schemes).toEqual([]);
      const backwards = await send(t, admin, 'POST', '/api/admin/woningscan/schemes/regeling_2024/revisions', {
        content: { ...current.content, validTo: '2020-01-01' },
      });
      expect(backwards.statusCode).toBe(400);
      for (const other of [wethouder, adviser]) {
        expect((await send(t, other, 'GET', '/api/admin/woningscan/schemes')).statusCode).toBe(403);
      }
      expect((await send(t, admin, 'GET', '/api/admin/woningscan/schemes/unknown_scheme')).statusCode).toBe(404);
      // Admins read no case content.
      expect((await send(t, admin, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    });
  });
});
