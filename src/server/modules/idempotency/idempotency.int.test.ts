import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSupport, supportWorld } from '../../../../test/helpers/cases.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { caseMessages } from '../cases/db.ts';
import { idempotencyKeys } from './db.ts';

/** A message sent again because its answer got lost is stored once. */
describe('Idempotency-Key', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof supportWorld>>;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await supportWorld(t);
    ({ caseId } = await submitSupport(t, w.requester));
  });
  afterAll(() => t.close());

  const post = (body: string, key?: string, actor = w.requester) =>
    t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/messages`,
      headers: { ...actor.headers, ...(key !== undefined ? { 'idempotency-key': key } : {}) },
      payload: { body },
    });
  const messages = async () =>
    (await t.app.db.select({ n: count() }).from(caseMessages).where(eq(caseMessages.caseId, caseId)))[0]?.n;

  it('stores a retried message once and answers the retry with the first answer', async () => {
    const before = await messages();
    const first = await post('Ik word weer bedreigd.', 'bericht-1');
    expect(first.statusCode).toBe(201);
    const retry = await post('Ik word weer bedreigd.', 'bericht-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await messages()).toBe((before ?? 0) + 1);
    // The kept answer is encrypted at rest.
    const [row] = await t.app.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'bericht-1'));
    expect(row?.state).toBe('done');
    expect(row?.bodyEnvelope).not.toContain(first.json().id);
  });

  it('without a key, two sends are two messages (as before)', async () => {
    const before = await messages();
    expect((await post('Twee keer.')).statusCode).toBe(201);
    expect((await post('Twee keer.')).statusCode).toBe(201);
    expect(await messages()).toBe((before ?? 0) + 2);
  });

  it('refuses the same key for another request (422), and an invalid key (400)', async () => {
    expect((await post('Eerste tekst.', 'bericht-2')).statusCode).toBe(201);
    const other = await post('Andere tekst.', 'bericht-2');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    const invalid = await post('x', 'met spatie');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({
      code: 'invalid_idempotency_key',
      errors: [{ field: 'headers/idempotency-key' }],
    });
  });

  it('answers 409 while the first is still running or its outcome is unknown, never runs it twice', async () => {
    const before = await messages();
    const [first, second] = await Promise.all([post('Tegelijk.', 'bericht-3'), post('Tegelijk.', 'bericht-3')]);
    const statuses = [first.statusCode, second.statusCode].sort();
    // PGlite answers one at a time, so the second may find the first done; never two messages.
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(await messages()).toBe((before ?? 0) + 1);
    // A key left pending (the process stopped before keeping the answer) is not run again.
    await t.app.db.update(idempotencyKeys).set({ state: 'pending' }).where(eq(idempotencyKeys.key, 'bericht-3'));
    const unknown = await post('Tegelijk.', 'bericht-3');
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().code).toBe('idempotency_key_in_use');
    expect(await messages()).toBe((before ?? 0) + 1);
  });

  it('forgets a failed first request, so the retry runs; keys are per person', async () => {
    const refused = await post('', 'bericht-4');
    expect(refused.statusCode).toBe(400);
    expect((await post('Nu wel.', 'bericht-4')).statusCode).toBe(201);
    // The same key from someone else is their own.
    const confidant = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/messages`,
      headers: { ...w.coordinator.headers, 'idempotency-key': 'bericht-4' },
      payload: { body: 'Van iemand anders.' },
    });
    expect(confidant.headers['idempotent-replayed']).toBeUndefined();
  });
});
