import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { recordIncident } from '../../../../test/helpers/incidents.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { DAMAGE_LIMITS } from '../../../shared/damages.ts';
import { auditLog } from '../audit/db.ts';
import { damageClaims, damageDeadlines } from './db.ts';

/**
 * Every damages route climbs the ladder: 401 for nobody signed in, 400 for an id that is no id, 404 for
 * anyone the incident or claim is not theirs (another office holder, a relative, a confidant, an admin)
 * and for one that does not exist, then the success for its owner. Hostile input is refused with field
 * messages and nothing stored.
 */

const CLAIM = {
  route: 'schadefonds',
  status: 'preparing',
  heads: [
    { kind: 'material', description: 'Kapotte bril', amountCents: 34_950 },
    { kind: 'immaterial', description: 'Smartengeld', amountCents: 250_000 },
  ],
  note: 'Aanvraag met machtiging',
  deadlines: [{ dueOn: '2027-06-01', label: 'Aanvraag Schadefonds indienen' }],
};

describe('damages: the ladder, and hostile input', () => {
  let t: TestApp;
  let owner: TestActor;
  let others: TestActor[];
  let incidentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createActor(t, ['officeholder']);
    others = [
      await createActor(t, ['officeholder']),
      await createActor(t, ['relative']),
      await createActor(t, ['confidant']),
      await createActor(t, ['admin']),
    ];
    incidentId = await recordIncident(t, owner);
  }, 60_000);
  afterAll(() => t.close());

  const send = (by: TestActor | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: by?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function ladder(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: (id: string) => string,
    id: string,
    payload?: unknown,
  ) {
    const label = `${method} ${path(':id')}`;
    expect((await send(null, method, path(id), payload)).statusCode, `${label} anonymous`).toBe(401);
    expect((await send(owner, method, path('not-an-id'), payload)).statusCode, `${label} bad id`).toBe(400);
    for (const other of others) {
      const response = await send(other, method, path(id), payload);
      expect(response.statusCode, `${label} by ${other.roles.join()}`).toBe(404);
    }
    expect((await send(owner, method, path(randomUUID()), payload)).statusCode, `${label} missing`).toBe(404);
    return send(owner, method, path(id), payload);
  }

  async function stored() {
    const [claims] = await t.app.db.select({ n: count() }).from(damageClaims);
    const [deadlines] = await t.app.db.select({ n: count() }).from(damageDeadlines);
    const [audit] = await t.app.db.select({ n: count() }).from(auditLog);
    return { claims: claims?.n, deadlines: deadlines?.n, audit: audit?.n };
  }

  it('climbs the ladder on every route, ending in the owner’s success', async () => {
    const damagesOf = (id: string) => `/api/me/incidents/${id}/damages`;
    const created = await ladder('POST', damagesOf, incidentId, CLAIM);
    expect(created.statusCode, created.body).toBe(201);
    const claim = created.json().claim;
    expect(claim).toMatchObject({ route: 'schadefonds', status: 'preparing', totalCents: 284_950 });
    expect(claim.deadlines).toEqual([
      expect.objectContaining({ dueOn: '2027-06-01', remindOn: '2027-05-25', remindedAt: null }),
    ]);

    const listed = await ladder('GET', damagesOf, incidentId);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().claims).toHaveLength(1);
    expect(listed.json().rules.today.categories.map((c: { amountEuros: number }) => c.amountEuros)).toEqual([
      1000, 2500, 5000, 10000, 20000, 35000,
    ]);

    const claimPath = (id: string) => `/api/me/damages/${id}`;
    const update = { ...CLAIM, status: 'submitted', deadlines: [{ ...CLAIM.deadlines[0], id: claim.deadlines[0].id }] };
    const updated = await ladder('PUT', claimPath, claim.id, update);
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().claim.status).toBe('submitted');
    expect(updated.json().claim.deadlines[0].id).toBe(claim.deadlines[0].id);

    const deleted = await ladder('DELETE', claimPath, claim.id);
    expect(deleted.statusCode).toBe(204);
    expect((await stored()).claims).toBe(0);
  });

  it('is the damages step of the incident’s path: todo, started, done when every claim is finished', async () => {
    const incident = await recordIncident(t, owner);
    const step = async () =>
      (await send(owner, 'GET', `/api/me/incidents/${incident}/path`))
        .json()
        .steps.find((s: { step: string }) => s.step === 'damages');
    expect(await step()).toEqual({ step: 'damages', state: 'todo', since: null });
    const created = await send(owner, 'POST', `/api/me/incidents/${incident}/damages`, CLAIM);
    expect((await step()).state).toBe('started');
    const paid = await send(owner, 'PUT', `/api/me/damages/${created.json().claim.id}`, { ...CLAIM, status: 'paid' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(await step()).toMatchObject({ state: 'done', since: paid.json().claim.updatedAt });
  });

  it('admins keep the rules but never see a claim; others may not keep the rules', async () => {
    const admin = others[3] as TestActor;
    expect((await send(null, 'GET', '/api/admin/damages/rules')).statusCode).toBe(401);
    expect((await send(owner, 'GET', '/api/admin/damages/rules')).statusCode).toBe(403);
    expect((await send(owner, 'POST', '/api/admin/damages/rules', {})).statusCode).toBe(403);
    expect((await send(admin, 'POST', '/api/admin/damages/rules', { content: 'x' })).statusCode).toBe(400);
    expect((await send(admin, 'GET', '/api/admin/damages/rules')).statusCode).toBe(200);
    expect((await send(admin, 'GET', `/api/me/incidents/${incidentId}/damages`)).statusCode).toBe(404);
  });

  it('refuses hostile input with field messages, and stores nothing', async () => {
    const before = await stored();
    const cases: [string, unknown, string][] = [
      ['negative amount', { ...CLAIM, heads: [{ ...CLAIM.heads[0], amountCents: -1 }] }, 'body/heads/0/amountCents'],
      [
        'absurd amount',
        { ...CLAIM, heads: [{ ...CLAIM.heads[0], amountCents: DAMAGE_LIMITS.maxAmountCents + 1 }] },
        'body/heads/0/amountCents',
      ],
      ['fractional cents', { ...CLAIM, heads: [{ ...CLAIM.heads[0], amountCents: 1.5 }] }, 'body/heads/0/amountCents'],
      [
        'deadline in the past',
        { ...CLAIM, deadlines: [{ dueOn: '2020-01-01', label: 'Te laat' }] },
        'body/deadlines/0/dueOn',
      ],
      ['unknown route', { ...CLAIM, route: 'loterij' }, 'body/route'],
      ['unknown status', { ...CLAIM, status: 'vergeten' }, 'body/status'],
      ['unknown field', { ...CLAIM, iban: 'NL00BANK0123456789' }, 'body'],
      ['unknown head field', { ...CLAIM, heads: [{ ...CLAIM.heads[0], vat: 21 }] }, 'body/heads/0'],
      [
        'a receipt that is not this incident’s evidence',
        { ...CLAIM, heads: [{ ...CLAIM.heads[0], evidenceId: randomUUID() }] },
        'body/heads/0/evidenceId',
      ],
      [
        'an unknown deadline id',
        { ...CLAIM, deadlines: [{ ...CLAIM.deadlines[0], id: randomUUID() }] },
        'body/deadlines/0/id',
      ],
    ];
    for (const [label, payload, field] of cases) {
      const response = await send(owner, 'POST', `/api/me/incidents/${incidentId}/damages`, payload);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
      const fields = (response.json().errors ?? []).map((error: { field: string }) => error.field);
      expect(
        fields.some((f: string) => f.startsWith(field)),
        `${label}: ${fields.join()}`,
      ).toBe(true);
    }
    expect(await stored()).toEqual(before);
  });
});
