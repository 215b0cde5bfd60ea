import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { call, expectStatus, submitSupport } from '../../../../test/helpers/cases.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { type AssociationRouting, associationRoutingResponseSchema } from '../../../shared/association-routing.ts';
import { problemSchema } from '../../../shared/problem.ts';
import { auditLog } from '../audit/db.ts';
import { verifyAuditChain } from '../audit/service.ts';
import { supportAssociationRouting, supportCases } from './db.ts';
import { DEFAULT_ASSOCIATION_ROUTING } from './routing.ts';

const URL = '/api/admin/support/association-routing';
const ACTION = 'support.association_routing_changed';

describe('admins set which association receives a support request, by office', () => {
  let t: TestApp;
  const who = {} as Record<
    'admin' | 'statenlid' | 'officeholder' | 'confidantIpo' | 'confidantBzk' | 'coordinator',
    TestActor
  >;

  beforeAll(async () => {
    t = await createTestApp();
    Object.assign(who, {
      admin: await createActor(t, ['admin']),
      statenlid: await createActor(t, ['officeholder'], { office: 'statenlid', region: 'Gelderland' }),
      officeholder: await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Heerde' }),
      confidantIpo: await createActor(t, ['confidant'], { association: 'ipo' }),
      confidantBzk: await createActor(t, ['confidant'], { association: 'bzk' }),
      coordinator: await createActor(t, ['ot_coordinator']),
    });
  });
  afterAll(() => t.close());

  const routingNow = async () => {
    const response = await call(t, who.admin, 'GET', URL);
    await expectStatus(response, 200, 'GET routing');
    return associationRoutingResponseSchema.parse(response.json()).routing;
  };
  const auditRows = () => t.app.db.select().from(auditLog).where(eq(auditLog.action, ACTION));
  const associationOf = async (caseId: string) =>
    (await t.app.db.select().from(supportCases).where(eq(supportCases.caseId, caseId)))[0]?.association;

  it('starts from the seeded routing, the same as the defaults in code', async () => {
    const rows = await t.app.db.select().from(supportAssociationRouting);
    expect(Object.fromEntries(rows.map((row) => [row.office, row.association]))).toEqual(DEFAULT_ASSOCIATION_ROUTING);
    const response = await call(t, who.admin, 'GET', URL);
    expect(associationRoutingResponseSchema.parse(response.json())).toEqual({
      routing: DEFAULT_ASSOCIATION_ROUTING,
      defaults: DEFAULT_ASSOCIATION_ROUTING,
    });
  });

  it('climbs the ladder: 401, 403 for anyone but an admin, 400 with field errors, then 200; nothing stored before', async () => {
    const changed: AssociationRouting = { ...DEFAULT_ASSOCIATION_ROUTING, gedeputeerde: 'bzk' };
    for (const method of ['GET', 'PUT'] as const) {
      const body = method === 'PUT' ? { routing: changed } : undefined;
      expect((await call(t, null, method, URL, body)).statusCode, `${method} anonymous`).toBe(401);
      for (const other of [who.officeholder, who.confidantIpo, who.coordinator]) {
        const response = await call(t, other, method, URL, body);
        expect(response.statusCode, `${method} by ${other.roles.join(',')}`).toBe(403);
      }
    }

    const hostile: { body: unknown; field: string }[] = [
      {
        body: { routing: { ...DEFAULT_ASSOCIATION_ROUTING, statenlid: 'statenlidnu' } },
        field: 'body/routing/statenlid',
      },
      { body: { routing: { ...DEFAULT_ASSOCIATION_ROUTING, kamerlid: 'bzk' } }, field: 'body/routing' },
      { body: { routing: { burgemeester: 'ngb' } }, field: 'body/routing/wethouder' },
      { body: { routing: { ...DEFAULT_ASSOCIATION_ROUTING, raadslid: 42 } }, field: 'body/routing/raadslid' },
      { body: { routing: DEFAULT_ASSOCIATION_ROUTING, extra: true }, field: 'body' },
      { body: {}, field: 'body/routing' },
    ];
    for (const { body, field } of hostile) {
      const response = await call(t, who.admin, 'PUT', URL, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = problemSchema.parse(response.json());
      expect(problem.code).toBe('validation_failed');
      expect(
        problem.errors?.map((error) => error.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect(await routingNow()).toEqual(DEFAULT_ASSOCIATION_ROUTING);
    expect(await auditRows()).toHaveLength(0);

    const saved = await call(t, who.admin, 'PUT', URL, { routing: changed });
    await expectStatus(saved, 200, 'PUT routing');
    expect(associationRoutingResponseSchema.parse(saved.json()).routing).toEqual(changed);
    expect(await routingNow()).toEqual(changed);
  });

  it('routes a new request from a Statenlid to the new association; an existing case keeps its own', async () => {
    const before = await submitSupport(t, who.statenlid);
    expect(await associationOf(before.caseId)).toBe('ipo');
    const auditsBefore = (await auditRows()).length;

    const routing = { ...(await routingNow()), statenlid: 'bzk' as const };
    await expectStatus(await call(t, who.admin, 'PUT', URL, { routing }), 200, 'PUT routing');

    const response = await call(t, who.statenlid, 'POST', '/api/support/requests', {
      concernFor: 'self',
      situation: ['threat'],
      since: 'this_week',
      acuteDanger: false,
      affected: ['me'],
      contact: { channel: 'phone', phone: '+31 6 1234 5678', when: 'any_time' },
    });
    await expectStatus(response, 201, 'new request');
    const after: { caseId: string; association: string } = response.json();
    expect(after.association).toBe('bzk');
    expect(await associationOf(after.caseId)).toBe('bzk');
    expect(await associationOf(before.caseId)).toBe('ipo');

    // Whose queue each is in follows what is stored with the case.
    const take = (actor: TestActor, caseId: string) => call(t, actor, 'POST', `/api/cases/${caseId}/take`, {});
    expect((await take(who.confidantIpo, after.caseId)).statusCode).toBe(404);
    await expectStatus(await take(who.confidantBzk, after.caseId), 200, 'BZK takes the new case');
    await expectStatus(await take(who.confidantIpo, before.caseId), 200, 'IPO takes the earlier case');
    const detail = await call(t, who.statenlid, 'GET', `/api/cases/${before.caseId}`);
    expect(detail.json().typeDetail.association).toBe('ipo');

    // One audit entry for the one office that changed, by the admin, with no case in it.
    const rows = await auditRows();
    expect(rows).toHaveLength(auditsBefore + 1);
    const last = rows.find((row) => row.details?.office === 'statenlid');
    expect(last).toMatchObject({
      actorPersonId: who.admin.personId,
      recordType: 'support_association_routing',
      subjectPersonId: null,
      outcome: 'success',
      details: { office: 'statenlid', from: 'ipo', to: 'bzk' },
    });
    expect((await verifyAuditChain(t.app.db)).firstBreak).toBeNull();
  });

  it('writes one audit entry per changed office, and none for a save that changes nothing', async () => {
    const start = await routingNow();
    const count = (await auditRows()).length;
    await expectStatus(await call(t, who.admin, 'PUT', URL, { routing: start }), 200, 'unchanged');
    expect(await auditRows()).toHaveLength(count);

    const back = { ...start, ...DEFAULT_ASSOCIATION_ROUTING };
    await expectStatus(await call(t, who.admin, 'PUT', URL, { routing: back }), 200, 'back to defaults');
    const rows = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, ACTION), eq(auditLog.actorPersonId, who.admin.personId)));
    expect(rows).toHaveLength(count + 2);
    expect(
      rows
        .slice(-2)
        .map((row) => row.details?.office)
        .sort(),
    ).toEqual(['gedeputeerde', 'statenlid']);
    expect(await routingNow()).toEqual(DEFAULT_ASSOCIATION_ROUTING);
  });

  it('routes an office without a row by the default in code', async () => {
    await t.app.db.delete(supportAssociationRouting).where(eq(supportAssociationRouting.office, 'statenlid'));
    expect((await routingNow()).statenlid).toBe('ipo');
    const { caseId } = await submitSupport(t, who.statenlid);
    expect(await associationOf(caseId)).toBe('ipo');
  });
});
