import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { buildCaseApp, containsCanary, dumpAllRows } from '../../../../test/helpers/cases.ts';
import { extractPdfText, flattenText } from '../../../../test/helpers/pdf-text.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { createTestDatabase } from '../../../../test/helpers/test-database.ts';
import {
  ADDRESS_CANARY,
  HOUSEHOLD_CANARY,
  ok,
  parseIcs,
  send,
  woningscanRequest,
} from '../../../../test/helpers/woningscan.ts';
import { Keyring } from '../../lib/crypto/index.ts';
import { woningscanCases } from './db.ts';

/**
 * The whole journey through the API: a wethouder checks eligibility and asks; a CCV adviser takes it,
 * proposes times; the wethouder picks one and downloads the invitation (parsed with ical.js); the
 * adviser moves it (same UID, next SEQUENCE), records the visit (the address goes) and the advice;
 * the wethouder downloads the PDF and marks a measure installed; closing leaves no address in a dump.
 */

let clock = new Date('2026-03-02T09:00:00Z'); // a Monday
const HOUR = 60 * 60 * 1000;
const at = (offsetHours: number) => new Date(clock.getTime() + offsetHours * HOUR).toISOString();

describe('woningscan: request → appointment → visit → advice → measures', () => {
  let t: TestApp;
  let wethouder: TestActor;
  let adviser: TestActor;
  let otherAdviser: TestActor;
  let stranger: TestActor;
  let admin: TestActor;
  let caseId = '';
  let uid = '';
  /** The address as stored (ciphertext): a dump must not hold it once the visit is done. */
  let addressEnvelope = '';

  beforeAll(async () => {
    const database = (await createTestDatabase()).database;
    t = await buildCaseApp(database, Keyring.generate(), { now: () => clock });
    wethouder = await createActor(t, ['officeholder'], { office: 'wethouder', region: 'Zwolle', displayName: 'W' });
    adviser = await createActor(t, ['ccv_advisor'], { displayName: 'CCV-adviseur A' });
    otherAdviser = await createActor(t, ['ccv_advisor'], { displayName: 'CCV-adviseur B' });
    stranger = await createActor(t, ['officeholder'], { office: 'burgemeester' });
    admin = await createActor(t, ['admin']);
  });
  afterAll(async () => {
    await t.close();
    await t.testDatabase.destroy();
  });

  it('explains eligibility first: a wethouder may ask under the 2024 scheme', async () => {
    const response = await send(t, wethouder, 'GET', '/api/woningscan/eligibility');
    await ok(response);
    const body = response.json();
    expect(body).toMatchObject({ on: '2026-03-02', office: 'wethouder', eligible: true, reason: 'bestuurder' });
    expect(body.schemes.map((s: { key: string }) => s.key)).toEqual(['regeling_2024']);
    expect(body.alternatives).toEqual([]);
  });

  it('takes the request, with the address encrypted and out of the queue', async () => {
    const created = await send(t, wethouder, 'POST', '/api/woningscan/requests', woningscanRequest('2026-03-09'));
    await ok(created, 201);
    caseId = created.json().caseId;
    const queue = await send(t, adviser, 'GET', '/api/cases/queue?type=woningscan');
    await ok(queue);
    expect(queue.json().items.map((item: { id: string }) => item.id)).toContain(caseId);
    expect(queue.body).not.toContain(ADDRESS_CANARY.street);
    const [row] = await t.app.db
      .select({ address: woningscanCases.addressEnvelope })
      .from(woningscanCases)
      .where(eq(woningscanCases.caseId, caseId));
    addressEnvelope = row?.address ?? '';
    expect(addressEnvelope.length).toBeGreaterThan(40);
    const dump = await dumpAllRows(t);
    expect(dump).toContain(addressEnvelope);
    expect(containsCanary(dump, ADDRESS_CANARY.street)).toBe(false);
    expect(containsCanary(dump, HOUSEHOLD_CANARY)).toBe(false);
  });

  it('lets an adviser take it and propose times; the person picks one and gets an invitation', async () => {
    await ok(await send(t, adviser, 'POST', `/api/cases/${caseId}/take`));
    // Another adviser, a stranger and an admin see nothing of it.
    for (const outsider of [otherAdviser, stranger, admin]) {
      expect((await send(t, outsider, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
      expect((await send(t, outsider, 'GET', `/api/cases/${caseId}/woningscan/address`)).statusCode).toBe(404);
    }
    const proposed = await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/slots`, {
      slots: [
        { startsAt: at(48), endsAt: at(49.5) },
        { startsAt: at(72), endsAt: at(73.5) },
      ],
    });
    await ok(proposed);
    expect(proposed.json().status).toBe('slots_proposed');
    const detail = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json();
    const [first, second] = detail.typeDetail.slots;
    expect(detail.typeDetail.schemes.map((s: { key: string }) => s.key)).toEqual(['regeling_2024']);
    await ok(await send(t, wethouder, 'POST', `/api/cases/${caseId}/woningscan/slots/${first.id}/pick`));
    // The same slot (or the other) cannot be picked again: the booking stands.
    const twice = await send(t, wethouder, 'POST', `/api/cases/${caseId}/woningscan/slots/${second.id}/pick`);
    expect(twice.statusCode).toBe(409);

    const ics = await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/appointment.ics`);
    await ok(ics);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const event = parseIcs(ics.body);
    expect(event).toMatchObject({ method: 'REQUEST', sequence: 0, status: 'CONFIRMED', startZone: 'UTC' });
    expect(event.start.toISOString()).toBe(first.startsAt);
    expect(event.end.toISOString()).toBe(first.endsAt);
    expect(ics.body).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    for (const secret of [ADDRESS_CANARY.street, ADDRESS_CANARY.city, ADDRESS_CANARY.postcode, HOUSEHOLD_CANARY]) {
      expect(ics.body).not.toContain(secret);
    }
    expect(ics.body).not.toContain('LOCATION');
    uid = event.uid;
  });

  it('shows the address to the assigned adviser (audited, in the person’s access log)', async () => {
    const response = await send(t, adviser, 'GET', `/api/cases/${caseId}/woningscan/address`);
    await ok(response);
    expect(response.json().address).toEqual(ADDRESS_CANARY);
    expect(response.headers['cache-control']).toBe('no-store');
    const log = (await send(t, wethouder, 'GET', '/api/me/access-log')).json();
    expect(log.entries.map((e: { action: string }) => e.action)).toContain('woningscan.address_read');
  });

  it('moves the appointment: the same UID, the next SEQUENCE, and a notice without content', async () => {
    const notesBefore = (await send(t, wethouder, 'GET', '/api/me/notifications')).json().notifications.length;
    const moved = await send(t, adviser, 'PUT', `/api/cases/${caseId}/woningscan/appointment`, {
      startsAt: at(96),
      endsAt: at(97),
    });
    await ok(moved);
    const event = parseIcs((await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/appointment.ics`)).body);
    expect(event).toMatchObject({ uid, sequence: 1, method: 'REQUEST' });
    expect(event.start.toISOString()).toBe(at(96));
    const notes = (await send(t, wethouder, 'GET', '/api/me/notifications')).json().notifications;
    expect(notes.length).toBe(notesBefore + 1);
    expect(notes[0].kind).toBe('appointment_changed');
    const mail = t.sentMail.at(-1);
    expect(`${mail?.subject} ${mail?.text}`).not.toMatch(/afspraak|CCV|Canary/i);
  });

  it('refuses a move into the past or ending before it starts, with field messages, and changes nothing', async () => {
    const past = await send(t, adviser, 'PUT', `/api/cases/${caseId}/woningscan/appointment`, {
      startsAt: at(-2),
      endsAt: at(-1),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0]).toMatchObject({ field: 'body/startsAt', code: 'woningscan_date_in_past' });
    const backwards = await send(t, adviser, 'PUT', `/api/cases/${caseId}/woningscan/appointment`, {
      startsAt: at(50),
      endsAt: at(49),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0]).toMatchObject({ field: 'body/endsAt', code: 'woningscan_end_before_start' });
    const event = parseIcs((await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/appointment.ics`)).body);
    expect(event.sequence).toBe(1);
  });

  it('records the visit: the address is gone from the database at once', async () => {
    clock = new Date(clock.getTime() + 97 * HOUR);
    await ok(await send(t, adviser, 'POST', `/api/cases/${caseId}/woningscan/visit`, { visitedOn: '2026-03-06' }));
    expect((await send(t, adviser, 'GET', `/api/cases/${caseId}/woningscan/address`)).statusCode).toBe(409);
    const detail = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json();
    expect(detail.typeDetail.addressOnFile).toBe(false);
    const dump = await dumpAllRows(t);
    expect(containsCanary(dump, ADDRESS_CANARY.street)).toBe(false);
    // Not merely unreadable: the ciphertext itself is gone.
    expect(dump).not.toContain(addressEnvelope);
  });

  it('records the advice per domain; the person downloads it as a PDF with the scheme of its day', async () => {
    const advice = await send(t, adviser, 'PUT', `/api/cases/${caseId}/woningscan/advice`, {
      advice: {
        home: 'Brievenbus naar buiten verplaatsen.',
        work: '',
        digital: 'Geboortedatum van sociale media halen.',
        travel: 'Wissel uw route naar het gemeentehuis af.',
      },
      measures: [
        { domain: 'home', description: 'Buitenbrievenbus' },
        { domain: 'home', description: 'Video-intercom' },
      ],
    });
    await ok(advice);
    const detail = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail;
    expect(detail.progress).toMatchObject({ bvaAdviceExpected: true, bvaAdviceDueOn: '2026-04-03' });
    expect(detail.measures).toHaveLength(2);
    expect(detail.measures[0].dueOn).toBeNull(); // from the BVA's advice on
    const pdf = await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/advice.pdf`);
    await ok(pdf);
    const text = flattenText(extractPdfText(pdf.rawPayload).text);
    expect(text).toContain('Brievenbus naar buiten verplaatsen.');
    expect(text).toContain('Regeling beveiligingsmaatregelen decentrale bestuurders');
    expect(text).toContain('Buitenbrievenbus');
    expect(text).not.toContain(ADDRESS_CANARY.street);
    expect(text).not.toContain('Canary-gezin');
    const english = flattenText(
      extractPdfText((await send(t, wethouder, 'GET', `/api/cases/${caseId}/woningscan/advice.pdf?lang=en`)).rawPayload)
        .text,
    );
    expect(english).toContain('Security measures scheme for decentral administrators');
  });

  it('tracks the BVA advice and the measures in working days, by either side', async () => {
    const bva = await send(t, wethouder, 'PUT', `/api/cases/${caseId}/woningscan/progress`, {
      bvaAdviceReceivedOn: '2026-03-06',
      pkvwStatus: 'certified',
      pkvwCertifiedOn: '2026-03-05',
    });
    await ok(bva);
    let detail = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail;
    // 40 working days after Friday 6 March 2026: Easter Monday and King's Day are off.
    expect(detail.measures[0].dueOn).toBe('2026-05-05');
    const [first] = detail.measures;
    const future = await send(t, wethouder, 'PATCH', `/api/cases/${caseId}/woningscan/measures/${first.id}`, {
      state: 'installed',
      installedOn: '2026-12-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0]).toMatchObject({ field: 'body/installedOn', code: 'woningscan_date_in_future' });
    await ok(
      await send(t, wethouder, 'PATCH', `/api/cases/${caseId}/woningscan/measures/${first.id}`, { state: 'installed' }),
    );
    detail = (await send(t, adviser, 'GET', `/api/cases/${caseId}`)).json().typeDetail;
    expect(detail.measures[0]).toMatchObject({ state: 'installed', installedOn: '2026-03-06' });
    expect(detail.progress).toMatchObject({ pkvwStatus: 'certified', bvaAdviceReceivedOn: '2026-03-06' });
  });

  it('closes: nothing of the address or household in plain text anywhere, and one open request at a time again', async () => {
    await ok(await send(t, adviser, 'POST', `/api/cases/${caseId}/close`, { outcome: 'measures_in_place' }));
    const dump = await dumpAllRows(t);
    for (const secret of [ADDRESS_CANARY.street, ADDRESS_CANARY.city, HOUSEHOLD_CANARY, 'Buitenbrievenbus']) {
      expect(containsCanary(dump, secret), secret).toBe(false);
    }
    expect(dump).not.toContain(addressEnvelope);
    const again = await send(t, wethouder, 'POST', '/api/woningscan/requests', woningscanRequest('2026-03-20'));
    await ok(again, 201);
    const third = await send(t, wethouder, 'POST', '/api/woningscan/requests', woningscanRequest('2026-03-20'));
    expect(third.statusCode).toBe(409);
    expect(third.json().code).toBe('woningscan_request_open');
  });
});
