import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { buildCaseApp } from '../../../../test/helpers/cases.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { createTestDatabase } from '../../../../test/helpers/test-database.ts';
import { ok, send } from '../../../../test/helpers/woningscan.ts';
import { Keyring } from '../../lib/crypto/index.ts';
import { auditLog } from '../audit/db.ts';

/**
 * Admins keep the schemes as dated versions and never rewrite the past: a new scheme starts after today,
 * a started one keeps its start and rules, an end never lies before today; a successor ends its
 * predecessor the day before it starts, in one change.
 */

// 15 March 2027, 10:00 in Amsterdam.
const clock = new Date('2027-03-15T09:00:00Z');
const URL = '/api/admin/woningscan/schemes';

describe('woningscan schemes: dated versions kept by admins', () => {
  let t: TestApp;
  let admin: TestActor;

  beforeAll(async () => {
    const database = (await createTestDatabase()).database;
    t = await buildCaseApp(database, Keyring.generate(), { now: () => clock });
    admin = await createActor(t, ['admin'], { displayName: 'Beheerder' });
  });
  afterAll(async () => {
    await t.close();
    await t.testDatabase.destroy();
  });

  const current = async (key: string) => {
    const list = (await send(t, admin, 'GET', URL)).json();
    return list.schemes.find((scheme: { key: string }) => scheme.key === key).content;
  };
  const fieldsOf = (response: { json(): { errors?: { field: string; code: string }[] } }) =>
    (response.json().errors ?? []).map((error) => [error.field, error.code]);
  const auditRows = async () =>
    (await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'woningscan.scheme_revised'))).length;

  it('the list carries the server’s day (Europe/Amsterdam)', async () => {
    const list = await send(t, admin, 'GET', URL);
    await ok(list);
    expect(list.json().today).toBe('2027-03-15');
  });

  it('refuses a change that rewrites the past, field by field, with nothing stored', async () => {
    const regeling = await current('regeling_2024');
    const before = await auditRows();
    const started = await send(t, admin, 'POST', `${URL}/regeling_2024/revisions`, {
      content: { ...regeling, validFrom: '2024-02-01', capEuros: 5000, validTo: '2027-03-14' },
    });
    expect(started.statusCode).toBe(400);
    expect(fieldsOf(started)).toEqual([
      ['body/content/validFrom', 'scheme_start_fixed'],
      ['body/content/capEuros', 'scheme_rules_fixed'],
      ['body/content/validTo', 'scheme_end_in_past'],
    ]);
    const ended = await send(t, admin, 'POST', `${URL}/allowance_2021/revisions`, {
      content: { ...(await current('allowance_2021')), validTo: '2030-01-01' },
    });
    expect(fieldsOf(ended)).toEqual([['body/content/validTo', 'scheme_ended']]);
    const today = await send(t, admin, 'POST', `${URL}/regeling_2027/revisions`, {
      content: { ...regeling, validFrom: '2027-03-15' },
    });
    expect(fieldsOf(today)).toEqual([['body/content/validFrom', 'scheme_start_not_future']]);
    const early = await send(t, admin, 'POST', `${URL}/regeling_2027/revisions`, {
      content: { ...regeling, validFrom: '2023-06-01' },
      replaces: 'regeling_2024',
    });
    expect(fieldsOf(early)).toEqual([['body/content/validFrom', 'scheme_start_not_future']]);
    const unknown = await send(t, admin, 'POST', `${URL}/regeling_2027/revisions`, {
      content: { ...regeling, validFrom: '2028-01-01' },
      replaces: 'no_such_scheme',
    });
    expect(fieldsOf(unknown)).toEqual([['body/replaces', 'scheme_missing']]);
    expect((await send(t, admin, 'GET', `${URL}/regeling_2027`)).statusCode).toBe(404);
    expect(await current('regeling_2024')).toEqual(regeling);
    expect(await auditRows()).toBe(before);
    // Texts of a started scheme may be corrected, and its end set from today on.
    const corrected = await send(t, admin, 'POST', `${URL}/regeling_2024/revisions`, {
      content: { ...regeling, summary: { ...regeling.summary, en: `${regeling.summary.en} ` }, validTo: '2029-12-31' },
    });
    await ok(corrected, 201);
  });

  it('a successor from a later date ends its predecessor the day before, in one change', async () => {
    const regeling = await current('regeling_2024');
    const before = await auditRows();
    const successor = await send(t, admin, 'POST', `${URL}/regeling_2028/revisions`, {
      content: {
        ...regeling,
        name: { nl: 'Regeling 2028', en: 'Scheme 2028' },
        validFrom: '2028-01-01',
        validTo: null,
      },
      replaces: 'regeling_2024',
      note: 'Nieuwe regeling',
    });
    await ok(successor, 201);
    expect(successor.json().revisions).toHaveLength(1);
    expect(await current('regeling_2024')).toMatchObject({ validFrom: '2024-01-01', validTo: '2027-12-31' });
    expect(await auditRows()).toBe(before + 2);
    const lastDay = (await send(t, null, 'GET', '/api/woningscan/schemes?on=2027-12-31')).json();
    expect(lastDay.schemes.map((s: { key: string }) => s.key)).toEqual(['regeling_2024']);
    const firstDay = (await send(t, null, 'GET', '/api/woningscan/schemes?on=2028-01-01')).json();
    expect(firstDay.schemes.map((s: { key: string }) => s.key)).toEqual(['regeling_2028']);
    // A scheduled scheme may still move (to another future day); a successor is always a new scheme.
    const moved = await send(t, admin, 'POST', `${URL}/regeling_2028/revisions`, {
      content: { ...(await current('regeling_2028')), validFrom: '2028-02-01' },
    });
    await ok(moved, 201);
    const again = await send(t, admin, 'POST', `${URL}/regeling_2028/revisions`, {
      content: await current('regeling_2028'),
      replaces: 'regeling_2024',
    });
    expect(fieldsOf(again)).toEqual([['params/key', 'scheme_exists']]);
  });
});
