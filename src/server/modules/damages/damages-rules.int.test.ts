import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { buildCaseApp } from '../../../../test/helpers/cases.ts';
import { recordIncident } from '../../../../test/helpers/incidents.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { createTestDatabase } from '../../../../test/helpers/test-database.ts';
import { Keyring } from '../../lib/crypto/index.ts';
import { auditLog } from '../audit/db.ts';
import { SHIPPED_DAMAGE_RULES } from './shipped-rules.ts';

/**
 * The Schadefonds rules are dated data: the shipped version applies from its day; an admin adds a
 * version from a later day (audited); on that day — the clock moved — the claim page shows the new
 * amounts, and for an incident before it the rules of the incident's day still. Nothing that has started
 * can be rewritten.
 */
let clock = new Date('2026-12-05T09:00:00Z');
const NEW_RULES = {
  ...SHIPPED_DAMAGE_RULES,
  validFrom: '2027-01-01',
  categories: SHIPPED_DAMAGE_RULES.categories.map((c) => ({ ...c, amountEuros: c.amountEuros + 500 })),
  relativesAmountEuros: 6000,
  unverified: [],
};

describe('damages: the Schadefonds rules over time', () => {
  let t: TestApp;
  let owner: TestActor;
  let admin: TestActor;

  beforeAll(async () => {
    t = await buildCaseApp((await createTestDatabase()).database, Keyring.generate(), { now: () => clock });
    owner = await createActor(t, ['officeholder']);
    admin = await createActor(t, ['admin']);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await t.testDatabase.destroy();
  });

  const save = (content: unknown, note?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/admin/damages/rules',
      headers: admin.headers,
      payload: { content, ...(note ? { note } : {}) },
    });
  const damages = async (incidentId: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/me/incidents/${incidentId}/damages`, headers: owner.headers })
    ).json();
  const amounts = (rules: { categories: { amountEuros: number }[] } | null) =>
    rules?.categories.map((c) => c.amountEuros);

  it('ships the rules of domain §5e, with the deadline marked to check', async () => {
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/admin/damages/rules', headers: admin.headers })
    ).json();
    expect(list.today).toBe('2026-12-05');
    expect(list.versions).toHaveLength(1);
    expect(list.versions[0]).toMatchObject({ source: 'release', revision: 1 });
    expect(list.versions[0].content).toMatchObject({ relativesAmountEuros: 5000, unverified: ['deadline'] });
    expect(amounts(list.versions[0].content)).toEqual([1000, 2500, 5000, 10000, 20000, 35000]);
  });

  it('refuses a version that would rewrite the past', async () => {
    for (const validFrom of ['2026-12-05', '2019-01-01', '2024-06-01']) {
      const refused = await save({ ...NEW_RULES, validFrom });
      expect(refused.statusCode, validFrom).toBe(400);
      expect(refused.json().errors).toEqual([
        expect.objectContaining({ field: 'body/content/validFrom', code: 'damage_rules_start_not_future' }),
      ]);
    }
    const unknownField = await save({ ...NEW_RULES, maximum: 1 });
    expect(unknownField.statusCode).toBe(400);
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/admin/damages/rules', headers: admin.headers })
    ).json();
    expect(list.versions).toHaveLength(1);
  });

  it('shows the new amounts from the rule’s day on, and the old ones for an earlier incident', async () => {
    const saved = await save({ ...NEW_RULES, relativesAmountEuros: 5500 }, 'Nieuwe letsellijst');
    expect(saved.statusCode, saved.body).toBe(201);
    // A second revision of the version that has not started yet: the newest counts.
    expect((await save(NEW_RULES, 'Bedrag naasten gecorrigeerd')).statusCode).toBe(201);
    const audited = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'damages.rules_revised'), eq(auditLog.actorPersonId, admin.personId)));
    expect(audited).toHaveLength(2);

    const early = await recordIncident(t, owner, {
      occurredOn: '2026-12-01',
      whatHappened: 'Geslagen',
      channel: 'in_person',
    });
    const before = await damages(early);
    expect(amounts(before.rules.today)).toEqual([1000, 2500, 5000, 10000, 20000, 35000]);
    expect(before.rules.today.unverified).toEqual(['deadline']);

    clock = new Date('2026-12-31T22:59:00Z'); // 23:59 in the Netherlands: still the old rules
    expect(amounts((await damages(early)).rules.today)).toEqual([1000, 2500, 5000, 10000, 20000, 35000]);

    clock = new Date('2026-12-31T23:00:00Z'); // midnight in the Netherlands: 1 January 2027
    const after = await damages(early);
    expect(after.today).toBe('2027-01-01');
    expect(amounts(after.rules.today)).toEqual([1500, 3000, 5500, 10500, 20500, 35500]);
    expect(after.rules.today.relativesAmountEuros).toBe(6000);
    // The incident happened under the old rules: those are shown for its day.
    expect(amounts(after.rules.onIncident)).toEqual([1000, 2500, 5000, 10000, 20000, 35000]);

    // Now that it has started, the version is fixed.
    const rewrite = await save({ ...NEW_RULES, relativesAmountEuros: 7000 });
    expect(rewrite.statusCode).toBe(400);
  });
});
