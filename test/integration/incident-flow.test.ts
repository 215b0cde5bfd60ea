import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { QUICK_ENTRY, recordIncident } from '../helpers/incidents.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** The incident log through its routes: the ladder, the owner-only rule, follow-ups, drafts, escalation. */
describe('incidents: the log', () => {
  let t: TestApp;
  let owner: TestActor;
  let others: TestActor[];

  const call = (
    actor: TestActor | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createActor(t, ['officeholder'], { region: 'Utrecht' });
    others = [
      await createActor(t, ['officeholder']),
      await createActor(t, ['relative']),
      await createActor(t, ['admin']),
      await createActor(t, ['confidant']),
      await createActor(t, ['ot_coordinator']),
    ];
  }, 60_000);
  afterAll(() => t.close());

  it('takes a quick entry with only date, what happened and channel, and shows it to the owner', async () => {
    const response = await call(owner, 'POST', '/api/me/incidents', QUICK_ENTRY);
    expect(response.statusCode, response.body).toBe(201);
    const { incident } = response.json();
    expect(incident).toMatchObject({
      occurredOn: '2026-11-30',
      whatHappened: QUICK_ENTRY.whatHappened,
      channel: 'in_person',
      forms: [],
      severity: null,
      followUps: [],
      evidence: [],
    });
    const list = await call(owner, 'GET', '/api/me/incidents');
    expect(list.json().incidents.map((item: { id: string }) => item.id)).toContain(incident.id);
  });

  it('climbs the ladder on every incident route: 401, 400, 404 for anyone else, 200 for the owner', async () => {
    const id = await recordIncident(t, owner);
    const routes: { method: 'GET' | 'PATCH' | 'POST' | 'DELETE'; url: string; body?: object; ok: number }[] = [
      { method: 'GET', url: `/api/me/incidents/${id}`, ok: 200 },
      { method: 'GET', url: `/api/me/incidents/${id}/path`, ok: 200 },
      { method: 'PATCH', url: `/api/me/incidents/${id}`, body: { severity: 'serious' }, ok: 200 },
      {
        method: 'POST',
        url: `/api/me/incidents/${id}/follow-ups`,
        body: { occurredOn: '2026-12-01', kind: 'aangifte', text: 'Aangifte gedaan bij het bureau.' },
        ok: 201,
      },
      { method: 'DELETE', url: `/api/me/incidents/${id}`, ok: 204 },
    ];
    for (const route of routes) {
      expect((await call(null, route.method, route.url, route.body)).statusCode, `${route.url} anonymous`).toBe(401);
      const badId = route.url.replace(id, 'not-a-uuid');
      expect((await call(owner, route.method, badId, route.body)).statusCode, `${route.url} bad id`).toBe(400);
      for (const other of others) {
        const response = await call(other, route.method, route.url, route.body);
        expect(response.statusCode, `${route.method} ${route.url} by ${other.roles}`).toBe(404);
      }
      const missing = route.url.replace(id, '00000000-0000-4000-8000-000000000000');
      expect((await call(owner, route.method, missing, route.body)).statusCode).toBe(404);
      const response = await call(owner, route.method, route.url, route.body);
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBe(route.ok);
    }
    expect((await call(owner, 'GET', `/api/me/incidents/${id}`)).statusCode).toBe(404);
  });

  it('refuses unknown enum values, unknown fields, future dates and empty text, storing nothing', async () => {
    const count = async () =>
      Number(rowsOf<{ n: string }>(await t.app.db.execute(sql`SELECT count(*)::text AS n FROM incidents`))[0]?.n);
    const before = await count();
    const bad: object[] = [
      { ...QUICK_ENTRY, channel: 'carrier_pigeon' },
      { ...QUICK_ENTRY, forms: ['threat', 'arson'] },
      { ...QUICK_ENTRY, severity: 'apocalyptic' },
      { ...QUICK_ENTRY, occurredOn: '2999-01-01' },
      { ...QUICK_ENTRY, occurredOn: '30-11-2026' },
      { ...QUICK_ENTRY, whatHappened: '   ' },
      { ...QUICK_ENTRY, whatHappened: 'x'.repeat(5001) },
      { ...QUICK_ENTRY, ownerId: others[0]?.personId },
      { occurredOn: '2026-11-30', channel: 'phone' },
      { ...QUICK_ENTRY, internalReport: { to: 'burgemeester', on: '2026-11-30', cc: 'x' } },
    ];
    for (const body of bad) {
      const response = await call(owner, 'POST', '/api/me/incidents', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await count()).toBe(before);
  });

  it('lets only office holders and relatives record; a relative’s incident is theirs alone', async () => {
    for (const role of ['admin', 'confidant', 'ot_coordinator', 'sipa_advisor'] as const) {
      const actor = await createActor(t, [role]);
      expect((await call(actor, 'POST', '/api/me/incidents', QUICK_ENTRY)).statusCode).toBe(403);
    }
    const relative = await createActor(t, ['relative'], { linkedOfficeholderId: owner.personId });
    const id = await recordIncident(t, relative, { ...QUICK_ENTRY, targets: ['child'] });
    expect((await call(relative, 'GET', `/api/me/incidents/${id}`)).statusCode).toBe(200);
    // The office holder the relative belongs to does not see it.
    expect((await call(owner, 'GET', `/api/me/incidents/${id}`)).statusCode).toBe(404);
    const ownList = (await call(owner, 'GET', '/api/me/incidents')).json().incidents as { id: string }[];
    expect(ownList.map((item) => item.id)).not.toContain(id);
  });

  it('completes an incident later and keeps a timeline of follow-ups', async () => {
    const id = await recordIncident(t, owner);
    const patched = await call(owner, 'PATCH', `/api/me/incidents/${id}`, {
      forms: ['threat', 'doxing'],
      targets: ['self', 'partner'],
      perpetratorKind: 'individual',
      perpetratorHandle: '@boze_burger',
      aimedAt: 'office',
      internalReport: { to: 'griffier', on: '2026-12-01' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().incident).toMatchObject({
      whatHappened: QUICK_ENTRY.whatHappened,
      forms: ['threat', 'doxing'],
      perpetratorHandle: '@boze_burger',
      internalReport: { to: 'griffier', on: '2026-12-01' },
    });
    expect((await call(owner, 'PATCH', `/api/me/incidents/${id}`, {})).statusCode).toBe(400);
    await call(owner, 'POST', `/api/me/incidents/${id}/follow-ups`, {
      occurredOn: '2026-12-02',
      kind: 'new_contact',
      text: 'Weer een bericht.',
    });
    await call(owner, 'POST', `/api/me/incidents/${id}/follow-ups`, {
      occurredOn: '2026-12-01',
      kind: 'internal_report',
      text: 'Gemeld bij de griffier.',
    });
    const incident = (await call(owner, 'GET', `/api/me/incidents/${id}`)).json().incident;
    expect(incident.followUps.map((item: { kind: string }) => item.kind)).toEqual(['internal_report', 'new_contact']);
    const bad = await call(owner, 'POST', `/api/me/incidents/${id}/follow-ups`, {
      occurredOn: '2026-12-01',
      kind: 'telepathy',
      text: 'x',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps one encrypted draft per person, and removes it when the incident is recorded', async () => {
    const me = await createActor(t, ['officeholder']);
    expect((await call(me, 'GET', '/api/me/incidents/draft')).json()).toEqual({ draft: null, updatedAt: null });
    const saved = await call(me, 'PUT', '/api/me/incidents/draft', {
      draft: { whatHappened: 'Half opgeschreven', channel: 'phone', forms: ['threat'] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await call(me, 'GET', '/api/me/incidents/draft')).json().draft).toEqual({
      whatHappened: 'Half opgeschreven',
      channel: 'phone',
      forms: ['threat'],
    });
    // Nobody else's draft is mine.
    expect((await call(others[0] ?? null, 'GET', '/api/me/incidents/draft')).json().draft).toBeNull();
    expect((await call(me, 'PUT', '/api/me/incidents/draft', { draft: { x: { nested: true } } })).statusCode).toBe(400);
    expect((await call(me, 'PUT', '/api/me/incidents/draft', { draft: { x: 'y'.repeat(5001) } })).statusCode).toBe(400);
    await recordIncident(t, me);
    expect((await call(me, 'GET', '/api/me/incidents/draft')).json().draft).toBeNull();
    expect((await call(me, 'DELETE', '/api/me/incidents/draft')).statusCode).toBe(204);
  });

  it('hands each person their own stable draft key, never cached', async () => {
    const a = await call(owner, 'GET', '/api/me/incidents/draft-key');
    const b = await call(owner, 'GET', '/api/me/incidents/draft-key');
    const c = await call(others[0] ?? null, 'GET', '/api/me/incidents/draft-key');
    expect(a.headers['cache-control']).toBe('no-store');
    expect(Buffer.from(a.json().key, 'base64url')).toHaveLength(32);
    expect(a.json()).toEqual(b.json());
    expect(c.json().key).not.toBe(a.json().key);
    expect((await call(null, 'GET', '/api/me/incidents/draft-key')).statusCode).toBe(401);
  });

  it('shows the escalation prompt from the third incident in 14 days, from the owner’s own records only', async () => {
    const me = await createActor(t, ['officeholder']);
    const today = new Date().toISOString().slice(0, 10);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await recordIncident(t, me, { ...QUICK_ENTRY, occurredOn: today });
    await recordIncident(t, me, { ...QUICK_ENTRY, occurredOn: daysAgo(5) });
    expect((await call(me, 'GET', '/api/me/incidents')).json().escalation).toEqual([]);
    // Someone else's incidents never count towards mine.
    const stranger = await createActor(t, ['officeholder']);
    await recordIncident(t, stranger, { ...QUICK_ENTRY, occurredOn: today });
    expect((await call(me, 'GET', '/api/me/incidents')).json().escalation).toEqual([]);
    await recordIncident(t, me, { ...QUICK_ENTRY, occurredOn: daysAgo(13) });
    expect((await call(me, 'GET', '/api/me/incidents')).json().escalation).toEqual([
      { reason: 'frequency', count: 3, days: 14, severity: null },
    ]);
  });

  it('audits the owner’s changes without any content', async () => {
    const id = await recordIncident(t, owner, { ...QUICK_ENTRY, whatHappened: 'Audit-canary 4411' });
    const rows = rowsOf<{ action: string; details: string | null }>(
      await t.app.db.execute(
        sql`SELECT action, details::text AS details FROM audit_log WHERE record_id = ${id} ORDER BY seq`,
      ),
    );
    expect(rows.map((row) => row.action)).toEqual(['incident.created']);
    expect(JSON.stringify(rows)).not.toContain('Audit-canary');
  });
});
