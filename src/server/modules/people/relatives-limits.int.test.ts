import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { auditLog } from '../audit/db.ts';
import { people } from './db.ts';
import { MAX_RELATIVES } from './relatives-service.ts';
import { findPersonByEmail } from './repository.ts';

/** The limits on inviting relatives (relatives.int.test.ts has the journeys): per day, per holder, input. */
describe('an officeholder’s relatives, within limits', () => {
  let t: TestApp;
  let alice: TestActor;
  let bob: TestActor;

  const call = (actor: TestActor | null, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    alice = await createActor(t, ['officeholder'], { displayName: 'Alice Wethouder', office: 'wethouder' });
    bob = await createActor(t, ['officeholder'], { displayName: 'Bob Raadslid', office: 'raadslid' });
  });
  afterAll(() => t.close());

  it('limits invitations per officeholder and day, resends included', async () => {
    const dave = await createActor(t, ['officeholder']);
    const statuses: number[] = [];
    for (let index = 0; index < 9; index++) {
      const email = index % 2 === 0 ? `kind-${index}-dave@example.org` : bob.email;
      statuses.push((await call(dave, 'POST', '/api/me/relatives', { email, relationship: 'other' })).statusCode);
    }
    const [first] = (await call(dave, 'GET', '/api/me/relatives')).json().relatives as { id: string }[];
    statuses.push((await call(dave, 'POST', `/api/me/relatives/${first?.id}/resend-invitation`)).statusCode);
    expect(statuses).toEqual(Array.from({ length: 9 }, () => 201).concat(200));
    const over = await call(dave, 'POST', '/api/me/relatives', {
      email: 'een-te-veel-dave@example.org',
      relationship: 'other',
    });
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe('too_many_invitations');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(80_000);
    expect((await call(dave, 'POST', `/api/me/relatives/${first?.id}/resend-invitation`)).statusCode).toBe(429);
    expect(await findPersonByEmail(t.app.db, 'een-te-veel-dave@example.org')).toBeNull();
  });

  it('refuses my own relative’s address with 409 (my list shows it anyway), and audits the refusal', async () => {
    const frank = await createActor(t, ['officeholder']);
    const response = await call(frank, 'POST', '/api/me/relatives', {
      email: 'neef.frank@example.org',
      relationship: 'partner',
    });
    expect(response.statusCode).toBe(201);
    const again = await call(frank, 'POST', '/api/me/relatives', {
      email: 'Neef.Frank@example.org',
      relationship: 'partner',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_your_relative');
    const [refusal] = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'relative.invite_refused'), eq(auditLog.actorPersonId, frank.personId)));
    expect(refusal).toMatchObject({ outcome: 'failure', subjectPersonId: frank.personId });
  });

  it('refuses hostile input cleanly and changes nothing', async () => {
    const count = (await t.app.db.select({ id: people.id }).from(people)).length;
    for (const payload of [
      { email: 'a@example.org', roles: ['admin'] },
      { email: 'a@example.org', linkedOfficeholderId: bob.personId },
      { email: `${'a'.repeat(100_000)}@example.org` },
      { email: 'not-an-address', relationship: 'partner' },
      { email: 'a@example.org' },
      { email: 'a@example.org', relationship: 'spouse' },
      {},
    ]) {
      const response = await call(alice, 'POST', '/api/me/relatives', payload);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
    expect((await call(alice, 'DELETE', '/api/me/relatives/../../admin/people')).statusCode).toBeGreaterThanOrEqual(
      400,
    );
    expect((await call(alice, 'DELETE', '/api/me/relatives/12345')).statusCode).toBe(400);
    expect((await t.app.db.select({ id: people.id }).from(people)).length).toBe(count);
  });

  it('caps the number of relatives per officeholder', async () => {
    const carol = await createActor(t, ['officeholder']);
    for (let index = 0; index < MAX_RELATIVES; index++) {
      await t.app.db.transaction(async (tx) => {
        await tx.insert(people).values({ email: `familie-${index}@example.org`, linkedOfficeholderId: carol.personId });
      });
    }
    const response = await call(carol, 'POST', '/api/me/relatives', {
      email: 'een-te-veel@example.org',
      relationship: 'child',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('too_many_relatives');
  });
});
