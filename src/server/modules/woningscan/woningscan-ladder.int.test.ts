import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { buildCaseApp } from '../../../../test/helpers/cases.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { createTestDatabase } from '../../../../test/helpers/test-database.ts';
import { ok, send, woningscanRequest } from '../../../../test/helpers/woningscan.ts';
import { Keyring } from '../../lib/crypto/index.ts';

/**
 * Every route of a woningscan case climbs the ladder in the order the journey reaches it: 401 for
 * nobody signed in, 400 for an id that is no id, 404 for anyone the case is not theirs (another CCV
 * adviser, another office holder, an admin) and for a case that does not exist, then the success
 * answer for the one it belongs to. The 404s change nothing: the success that follows proves it.
 */

let clock = new Date('2026-03-02T09:00:00Z'); // a Monday
const HOUR = 60 * 60 * 1000;
const at = (offsetHours: number) => new Date(clock.getTime() + offsetHours * HOUR).toISOString();

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
interface Step {
  method: Method;
  /** With `:caseId` (and `:slotId` / `:measureId`) where the ids go. */
  path: string;
  body?: unknown;
  by: TestActor;
  others: TestActor[];
  ok?: number;
}

describe('woningscan: the ladder on every case route', () => {
  let t: TestApp;
  let wethouder: TestActor;
  let otherWethouder: TestActor;
  let adviser: TestActor;
  let otherAdviser: TestActor;
  let admin: TestActor;

  beforeAll(async () => {
    const database = (await createTestDatabase()).database;
    t = await buildCaseApp(database, Keyring.generate(), { now: () => clock });
    wethouder = await createActor(t, ['officeholder'], { office: 'wethouder', region: 'Zwolle' });
    otherWethouder = await createActor(t, ['officeholder'], { office: 'wethouder', region: 'Deventer' });
    adviser = await createActor(t, ['ccv_advisor']);
    otherAdviser = await createActor(t, ['ccv_advisor']);
    admin = await createActor(t, ['admin']);
  });
  afterAll(async () => {
    await t.close();
    await t.testDatabase.destroy();
  });

  async function climb(step: Step, ids: Record<string, string>) {
    const fill = (values: Record<string, string>) =>
      step.path.replace(/:(caseId|slotId|measureId)/g, (_, name: string) => values[name] ?? '');
    const url = fill(ids);
    const label = `${step.method} ${step.path}`;
    expect((await send(t, null, step.method, url, step.body)).statusCode, `${label} anonymous`).toBe(401);
    for (const name of Object.keys(ids)) {
      const bad = await send(t, step.by, step.method, fill({ ...ids, [name]: 'not-a-uuid' }), step.body);
      expect(bad.statusCode, `${label} with ${name} not an id`).toBe(400);
      const missing = await send(t, step.by, step.method, fill({ ...ids, [name]: randomUUID() }), step.body);
      expect(missing.statusCode, `${label} with ${name} unknown`).toBe(404);
    }
    for (const other of step.others) {
      const response = await send(t, other, step.method, url, step.body);
      expect(response.statusCode, `${label} by someone else (${other.roles.join(',')})`).toBe(404);
    }
    const response = await send(t, step.by, step.method, url, step.body);
    expect(response.statusCode, `${label}: ${response.body}`).toBe(step.ok ?? 200);
    return response;
  }

  it('from the times proposed to the progress after the advice', async () => {
    const created = await send(t, wethouder, 'POST', '/api/woningscan/requests', woningscanRequest('2026-03-09'));
    await ok(created, 201);
    const caseId: string = created.json().caseId;
    await ok(await send(t, adviser, 'POST', `/api/cases/${caseId}/take`));
    const advisers = [otherAdviser];
    const holders = [otherWethouder];
    const anyone = [otherAdviser, otherWethouder, admin];

    await climb(
      {
        method: 'POST',
        path: '/api/cases/:caseId/woningscan/slots',
        body: { slots: [{ startsAt: at(48), endsAt: at(49) }] },
        by: adviser,
        others: advisers,
      },
      { caseId },
    );
    const slotId: string = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail.slots[0].id;
    await climb(
      { method: 'POST', path: '/api/cases/:caseId/woningscan/slots/:slotId/pick', by: wethouder, others: holders },
      { caseId, slotId },
    );
    const ics = await climb(
      { method: 'GET', path: '/api/cases/:caseId/woningscan/appointment.ics', by: wethouder, others: anyone },
      { caseId },
    );
    expect(ics.headers['content-type']).toContain('text/calendar');
    await climb(
      { method: 'GET', path: '/api/cases/:caseId/woningscan/address', by: adviser, others: anyone },
      { caseId },
    );
    await climb(
      {
        method: 'PUT',
        path: '/api/cases/:caseId/woningscan/appointment',
        body: { startsAt: at(72), endsAt: at(73) },
        by: adviser,
        others: advisers,
      },
      { caseId },
    );
    await climb(
      {
        method: 'POST',
        path: '/api/cases/:caseId/woningscan/appointment/reschedule-request',
        by: wethouder,
        others: holders,
      },
      { caseId },
    );
    clock = new Date(clock.getTime() + 73 * HOUR);
    await climb(
      {
        method: 'POST',
        path: '/api/cases/:caseId/woningscan/visit',
        body: { visitedOn: '2026-03-05' },
        by: adviser,
        others: advisers,
      },
      { caseId },
    );
    await climb(
      {
        method: 'PUT',
        path: '/api/cases/:caseId/woningscan/advice',
        body: {
          advice: { home: 'Buitenbrievenbus.', work: '', digital: '', travel: '' },
          measures: [{ domain: 'home', description: 'Buitenbrievenbus' }],
        },
        by: adviser,
        others: advisers,
      },
      { caseId },
    );
    const pdf = await climb(
      { method: 'GET', path: '/api/cases/:caseId/woningscan/advice.pdf', by: wethouder, others: anyone },
      { caseId },
    );
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const measureId: string = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail.measures[0]
      .id;
    await climb(
      {
        method: 'PATCH',
        path: '/api/cases/:caseId/woningscan/measures/:measureId',
        body: { state: 'ordered' },
        by: wethouder,
        others: anyone,
      },
      { caseId, measureId },
    );
    await climb(
      {
        method: 'PUT',
        path: '/api/cases/:caseId/woningscan/progress',
        body: { bvaAdviceReceivedOn: '2026-03-05', pkvwStatus: 'in_progress', pkvwCertifiedOn: null },
        by: wethouder,
        others: anyone,
      },
      { caseId },
    );
    const detail = (await send(t, wethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail;
    expect(detail.measures[0].state).toBe('ordered');
    expect(detail.progress.bvaAdviceReceivedOn).toBe('2026-03-05');
  });

  it('declining the times, and cancelling the appointment', async () => {
    const created = await send(t, otherWethouder, 'POST', '/api/woningscan/requests', woningscanRequest('2026-03-16'));
    await ok(created, 201);
    const caseId: string = created.json().caseId;
    await ok(await send(t, otherAdviser, 'POST', `/api/cases/${caseId}/take`));
    const slots = (startsIn: number) => ({ slots: [{ startsAt: at(startsIn), endsAt: at(startsIn + 1) }] });
    await ok(await send(t, otherAdviser, 'POST', `/api/cases/${caseId}/woningscan/slots`, slots(48)));
    await climb(
      { method: 'POST', path: '/api/cases/:caseId/woningscan/slots/decline', by: otherWethouder, others: [wethouder] },
      { caseId },
    );
    await ok(await send(t, otherAdviser, 'POST', `/api/cases/${caseId}/woningscan/slots`, slots(72)));
    const slotId: string = (await send(t, otherWethouder, 'GET', `/api/cases/${caseId}`))
      .json()
      .typeDetail.slots.find((slot: { state: string }) => slot.state === 'open').id;
    await ok(await send(t, otherWethouder, 'POST', `/api/cases/${caseId}/woningscan/slots/${slotId}/pick`));
    await climb(
      {
        method: 'POST',
        path: '/api/cases/:caseId/woningscan/appointment/cancel',
        by: otherWethouder,
        others: [wethouder, adviser, admin],
      },
      { caseId },
    );
    const detail = (await send(t, otherWethouder, 'GET', `/api/cases/${caseId}`)).json().typeDetail;
    expect(detail.appointment.state).toBe('cancelled');
  });
});
