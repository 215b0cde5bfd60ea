import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { uniformAnswers } from '../../../../test/helpers/zelfscan-answers.ts';
import { evaluate } from '../../../shared/zelfscan/evaluate.ts';
import { SHIPPED_QUESTIONNAIRE as Q } from '../../../shared/zelfscan/shipped.ts';
import type { SavedResult, SavedResultSummary } from '../../../shared/zelfscan-api.ts';
import { rowsOf } from '../../db/index.ts';

const worstPick = evaluate(Q, uniformAnswers(Q, 'first')).tips.length > 0 ? 'first' : 'last';
const worst = uniformAnswers(Q, worstPick);
const best = uniformAnswers(Q, worstPick === 'first' ? 'last' : 'first');
const BASE = '/api/me/zelfscan/results';

describe('saved zelfscan results', () => {
  let t: TestApp;
  let officeholder: TestActor;
  let relative: TestActor;
  let admin: TestActor;
  let confidant: TestActor;

  const call = (actor: TestActor | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });

  async function save(actor: TestActor, answers = worst.answers): Promise<SavedResult> {
    const response = await call(actor, 'POST', BASE, { questionnaireVersion: Q.version, answers });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().result as SavedResult;
  }

  beforeAll(async () => {
    t = await createTestApp();
    officeholder = await createActor(t, ['officeholder']);
    relative = await createActor(t, ['relative']);
    admin = await createActor(t, ['admin']);
    confidant = await createActor(t, ['confidant']);
  });
  afterAll(async () => t?.close());

  it('asks anonymous callers to sign in on every route', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(
      (await call(null, 'POST', BASE, { questionnaireVersion: Q.version, answers: worst.answers })).statusCode,
    ).toBe(401);
    expect((await call(null, 'GET', BASE)).statusCode).toBe(401);
    expect((await call(null, 'GET', `${BASE}/${id}`)).statusCode).toBe(401);
    expect((await call(null, 'PATCH', `${BASE}/${id}/actions/x`, { done: true })).statusCode).toBe(401);
    expect((await call(null, 'DELETE', `${BASE}/${id}`)).statusCode).toBe(401);
  });

  it('saves a result for an officeholder and a relative, evaluated on the server', async () => {
    const mine = await save(officeholder);
    const expected = evaluate(Q, worst);
    expect(mine.categories).toEqual(expected.categories);
    expect(mine.tips).toEqual(expected.tips);
    expect(mine.actions).toEqual(expected.tips.map((tip) => ({ tipId: tip.id, done: false, plannedFor: null })));
    const theirs = await save(relative, best.answers);
    expect(theirs.categories).toEqual(evaluate(Q, best).categories);

    const detail = await call(officeholder, 'GET', `${BASE}/${mine.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().result).toEqual(mine);
  });

  it('refuses saving for roles that are neither officeholder nor relative', async () => {
    const response = await call(admin, 'POST', BASE, { questionnaireVersion: Q.version, answers: worst.answers });
    expect(response.statusCode).toBe(403);
  });

  it('refuses malformed answers, unknown question ids and an older version with field errors', async () => {
    const [firstQuestion] = Q.questions;
    const unknownQuestion = await call(officeholder, 'POST', BASE, {
      questionnaireVersion: Q.version,
      answers: { ...worst.answers, 'no-such-question': 'yes' },
    });
    expect(unknownQuestion.statusCode).toBe(400);
    expect(unknownQuestion.json().code).toBe('invalid_answers');
    expect(unknownQuestion.json().errors.length).toBeGreaterThan(0);

    const wrongOption = await call(officeholder, 'POST', BASE, {
      questionnaireVersion: Q.version,
      answers: { ...worst.answers, [firstQuestion?.id ?? '']: 'not-an-option' },
    });
    expect(wrongOption.statusCode).toBe(400);
    expect(wrongOption.json().errors[0].field).toBe(`answers/${firstQuestion?.id}`);

    const { [firstQuestion?.id ?? '']: _left, ...incomplete } = worst.answers;
    expect(
      (await call(officeholder, 'POST', BASE, { questionnaireVersion: Q.version, answers: incomplete })).statusCode,
    ).toBe(400);

    const older = await call(officeholder, 'POST', BASE, {
      questionnaireVersion: '2020-01-01.1',
      answers: worst.answers,
    });
    expect(older.statusCode).toBe(400);
    expect(older.json().errors).toEqual([expect.objectContaining({ field: 'questionnaireVersion' })]);

    expect((await call(officeholder, 'POST', BASE, { answers: 'all yes' })).statusCode).toBe(400);
    expect(
      (await call(officeholder, 'POST', BASE, { questionnaireVersion: Q.version, answers: { a: 1 } })).statusCode,
    ).toBe(400);
  });

  it('lists only my own results, newest first, with lights and scores', async () => {
    const person = await createActor(t, ['officeholder']);
    const first = await save(person, worst.answers);
    const second = await save(person, best.answers);
    const response = await call(person, 'GET', BASE);
    expect(response.statusCode).toBe(200);
    const results = response.json().results as SavedResultSummary[];
    expect(results.map((result) => result.id).sort()).toEqual([first.id, second.id].sort());
    expect(results[0]?.categories.length).toBe(Q.categories.length);
    expect((await call(admin, 'GET', BASE)).json().results).toEqual([]);
  });

  it('keeps results between their owners: other people and admins get 404', async () => {
    const mine = await save(officeholder);
    const tipId = mine.tips[0]?.id ?? 'x';
    for (const other of [relative, admin, confidant]) {
      expect((await call(other, 'GET', `${BASE}/${mine.id}`)).statusCode).toBe(404);
      expect((await call(other, 'PATCH', `${BASE}/${mine.id}/actions/${tipId}`, { done: true })).statusCode).toBe(404);
      const listed = (await call(other, 'GET', BASE)).json().results as SavedResultSummary[];
      expect(listed.some((result) => result.id === mine.id)).toBe(false);
    }
    const theirs = await save(relative);
    expect((await call(officeholder, 'GET', `${BASE}/${theirs.id}`)).statusCode).toBe(404);
    expect((await call(officeholder, 'GET', `${BASE}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await call(officeholder, 'GET', `${BASE}/not-a-uuid`)).statusCode).toBe(400);
    // Nothing changed by the refused calls.
    const after = (await call(officeholder, 'GET', `${BASE}/${mine.id}`)).json().result as SavedResult;
    expect(after.actions.every((action) => !action.done)).toBe(true);
  });

  it('ticks off and plans the actions of my result', async () => {
    const mine = await save(officeholder);
    const tipId = mine.tips[0]?.id ?? '';
    expect(tipId).not.toBe('');
    const planned = await call(officeholder, 'PATCH', `${BASE}/${mine.id}/actions/${tipId}`, {
      plannedFor: '2026-12-15',
    });
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json().action).toEqual({ tipId, done: false, plannedFor: '2026-12-15' });
    const done = await call(officeholder, 'PATCH', `${BASE}/${mine.id}/actions/${tipId}`, { done: true });
    expect(done.json().action).toEqual({ tipId, done: true, plannedFor: '2026-12-15' });
    const detail = (await call(officeholder, 'GET', `${BASE}/${mine.id}`)).json().result as SavedResult;
    expect(detail.actions.find((action) => action.tipId === tipId)).toEqual({
      tipId,
      done: true,
      plannedFor: '2026-12-15',
    });
    const cleared = await call(officeholder, 'PATCH', `${BASE}/${mine.id}/actions/${tipId}`, { plannedFor: null });
    expect(cleared.json().action).toEqual({ tipId, done: true, plannedFor: null });

    expect(
      (await call(officeholder, 'PATCH', `${BASE}/${mine.id}/actions/no-such-tip`, { done: true })).statusCode,
    ).toBe(404);
    expect((await call(officeholder, 'PATCH', `${BASE}/${mine.id}/actions/${tipId}`, {})).statusCode).toBe(400);
    expect(
      (await call(officeholder, 'PATCH', `${BASE}/${mine.id}/actions/${tipId}`, { plannedFor: '15-12-2026' }))
        .statusCode,
    ).toBe(400);
    expect((await call(officeholder, 'PATCH', `${BASE}/${mine.id}/actions/${tipId}`, { done: 'yes' })).statusCode).toBe(
      400,
    );
  });

  it('stores answers and the plan only encrypted', async () => {
    const mine = await save(officeholder);
    const tipId = mine.tips[0]?.id ?? '';
    await call(officeholder, 'PATCH', `${BASE}/${mine.id}/actions/${tipId}`, { done: true, plannedFor: '2031-07-04' });
    const rows = rowsOf<{ row: string }>(
      await t.app.db.execute(sql`SELECT row_to_json(z)::text AS row FROM zelfscan_results z`),
    );
    const dump = rows.map((r) => r.row).join('\n');
    expect(dump).toContain(mine.id);
    // Canaries: question ids, the tip id and the planned date never appear in plain text.
    for (const question of Q.questions) expect(dump).not.toContain(question.id);
    expect(dump).not.toContain(tipId);
    expect(dump).not.toContain('2031-07-04');
  });

  it('deletes my result with its plan (the right to erasure); nobody else can, and it is gone', async () => {
    const person = await createActor(t, ['officeholder']);
    const kept = await save(person, best.answers);
    const mine = await save(person);
    await call(person, 'PATCH', `${BASE}/${mine.id}/actions/${mine.tips[0]?.id}`, { done: true });
    expect((await call(person, 'DELETE', `${BASE}/not-a-uuid`)).statusCode).toBe(400);
    for (const other of [relative, admin, confidant, officeholder]) {
      expect((await call(other, 'DELETE', `${BASE}/${mine.id}`)).statusCode).toBe(404);
    }
    expect((await call(person, 'GET', `${BASE}/${mine.id}`)).statusCode).toBe(200);

    const deleted = await call(person, 'DELETE', `${BASE}/${mine.id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await call(person, 'GET', `${BASE}/${mine.id}`)).statusCode).toBe(404);
    expect((await call(person, 'DELETE', `${BASE}/${mine.id}`)).statusCode).toBe(404);
    const listed = (await call(person, 'GET', BASE)).json().results as SavedResultSummary[];
    expect(listed.map((result) => result.id)).toEqual([kept.id]);
    const rows = rowsOf<{ n: number }>(
      await t.app.db.execute(sql`SELECT count(*)::int AS n FROM zelfscan_results WHERE id = ${mine.id}`),
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('deletes a saved result for its owner only: 401, 400, 404, then 204 and gone, audited', async () => {
    const mine = await save(officeholder);
    const theirs = await save(relative);
    expect((await call(null, 'DELETE', `${BASE}/${mine.id}`)).statusCode).toBe(401);
    expect((await call(officeholder, 'DELETE', `${BASE}/not-a-uuid`)).statusCode).toBe(400);
    expect((await call(officeholder, 'DELETE', `${BASE}/../${mine.id}`)).statusCode).toBe(404);
    // Someone else's result answers as a missing one, and stays.
    expect((await call(officeholder, 'DELETE', `${BASE}/${theirs.id}`)).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `${BASE}/${mine.id}`)).statusCode).toBe(404);
    expect((await call(relative, 'GET', `${BASE}/${theirs.id}`)).statusCode).toBe(200);

    expect((await call(officeholder, 'DELETE', `${BASE}/${mine.id}`)).statusCode).toBe(204);
    expect((await call(officeholder, 'GET', `${BASE}/${mine.id}`)).statusCode).toBe(404);
    expect((await call(officeholder, 'DELETE', `${BASE}/${mine.id}`)).statusCode).toBe(404);
    const rows = rowsOf<{ n: number }>(
      await t.app.db.execute(sql`SELECT count(*)::int AS n FROM zelfscan_results WHERE id = ${mine.id}`),
    );
    expect(rows[0]?.n).toBe(0);
    const audited = rowsOf<{ action: string }>(
      await t.app.db.execute(sql`SELECT action FROM audit_log WHERE record_id = ${mine.id}`),
    );
    expect(audited.map((row) => row.action)).toEqual(['zelfscan.result_deleted']);
  });
});
