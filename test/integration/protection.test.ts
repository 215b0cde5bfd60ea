import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { recordIncident } from '../helpers/incidents.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** The protection step through its routes: the ladder, the review date on the app's clock, the path step. */
const day = (from: Date, offsetDays: number) =>
  new Date(from.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('protection: informed, with a review date of my own', () => {
  let t: TestApp;
  let owner: TestActor;
  let others: TestActor[];
  // The app's clock, ten days ahead of the real one: the review date is checked against it, not Date.now().
  const clock = () => new Date(Date.now() + 10 * 86_400_000);

  const call = (actor: TestActor | null, method: 'GET' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });
  const url = (id: string) => `/api/me/incidents/${id}/protection`;
  const rows = async () =>
    Number(
      rowsOf<{ n: string }>(await t.app.db.execute(sql`SELECT count(*)::text AS n FROM protection_conversations`))[0]
        ?.n,
    );

  beforeAll(async () => {
    t = await createTestApp({ build: { now: clock } });
    owner = await createActor(t, ['officeholder']);
    others = [
      await createActor(t, ['officeholder']),
      await createActor(t, ['relative'], { linkedOfficeholderId: owner.personId }),
      await createActor(t, ['confidant']),
      await createActor(t, ['admin']),
    ];
  }, 60_000);
  afterAll(() => t.close());

  it('climbs the ladder: 401, 400, 404 for anyone else, 200 for the owner', async () => {
    const id = await recordIncident(t, owner);
    const routes: { method: 'GET' | 'PUT'; body?: object }[] = [
      { method: 'GET' },
      { method: 'PUT', body: { informed: true } },
    ];
    for (const route of routes) {
      expect((await call(null, route.method, url(id), route.body)).statusCode).toBe(401);
      expect((await call(owner, route.method, url('not-a-uuid'), route.body)).statusCode).toBe(400);
      for (const other of others) {
        expect((await call(other, route.method, url(id), route.body)).statusCode, `${other.roles}`).toBe(404);
      }
      expect(
        (await call(owner, route.method, url('00000000-0000-4000-8000-000000000000'), route.body)).statusCode,
      ).toBe(404);
      expect((await call(owner, route.method, url(id), route.body)).statusCode).toBe(200);
    }
  });

  it('records being informed, keeps the first moment, and marks the path step done', async () => {
    const id = await recordIncident(t, owner);
    expect((await call(owner, 'GET', url(id))).json().protection).toEqual({ informedAt: null, reviewOn: null });
    const path = async () =>
      (await call(owner, 'GET', `/api/me/incidents/${id}/path`))
        .json()
        .steps.find((step: { step: string }) => step.step === 'protection');
    expect(await path()).toEqual({ step: 'protection', state: 'todo', since: null });
    const first = await call(owner, 'PUT', url(id), { informed: true, reviewOn: day(clock(), 0) });
    expect(first.statusCode, first.body).toBe(200);
    const informedAt = first.json().protection.informedAt;
    const second = await call(owner, 'PUT', url(id), { informed: true, reviewOn: day(clock(), 30) });
    expect(second.json().protection).toEqual({ informedAt, reviewOn: day(clock(), 30) });
    expect(await path()).toEqual({ step: 'protection', state: 'done', since: informedAt });
  });

  it('refuses a past review date (on the app clock), unknown fields and anything but informed: true', async () => {
    const id = await recordIncident(t, owner);
    const before = await rows();
    const bad: [string, object][] = [
      // Tomorrow by the real clock is already nine days ago by the app's.
      ['past date', { informed: true, reviewOn: day(new Date(), 1) }],
      ['not a date', { informed: true, reviewOn: '31-12-2030' }],
      ['not informed', { informed: false }],
      ['threat level', { informed: true, threatLevel: 'concreet' }],
      ['measures', { informed: true, measures: ['camera'] }],
      ['a note', { informed: true, note: 'bewaking vanaf maandag' }],
    ];
    for (const [name, body] of bad) {
      const response = await call(owner, 'PUT', url(id), body);
      expect(response.statusCode, name).toBe(400);
      expect(response.headers['content-type'], name).toMatch(/^application\/problem\+json/);
      expect(response.json().errors?.length, `${name}: ${response.body}`).toBeGreaterThan(0);
    }
    const past = await call(owner, 'PUT', url(id), { informed: true, reviewOn: day(new Date(), 1) });
    expect(past.json()).toMatchObject({ code: 'protection_review_in_past', errors: [{ field: 'body/reviewOn' }] });
    expect(await rows()).toBe(before);
  });
});
