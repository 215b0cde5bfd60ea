import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { call, expectStatus, submitSipa, submitSupport } from '../../../../test/helpers/cases.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { uniformAnswers } from '../../../../test/helpers/zelfscan-answers.ts';
import { evaluate } from '../../../shared/zelfscan/evaluate.ts';
import { SHIPPED_QUESTIONNAIRE as Q } from '../../../shared/zelfscan/shipped.ts';
import type { SavedResult, SharedZelfscanResponse } from '../../../shared/zelfscan-api.ts';
import { auditLog } from '../audit/db.ts';

const worstPick = evaluate(Q, uniformAnswers(Q, 'first')).tips.length > 0 ? 'first' : 'last';
const worst = uniformAnswers(Q, worstPick);

describe('the shared zelfscan result on a support case', () => {
  let t: TestApp;
  const people = {} as Record<string, TestActor>;
  const url = (caseId: string) => `/api/cases/${caseId}/support/zelfscan`;

  async function saveResult(owner: TestActor): Promise<SavedResult> {
    const response = await call(t, owner, 'POST', '/api/me/zelfscan/results', {
      questionnaireVersion: Q.version,
      answers: worst.answers,
    });
    await expectStatus(response, 201, 'save');
    return response.json().result as SavedResult;
  }

  /** A support case of the owner with their result shared, taken by the NGB confidant. */
  async function sharedCase() {
    const owner = people.owner as TestActor;
    const result = await saveResult(owner);
    const tipId = result.tips[0]?.id ?? '';
    const planned = await t.app.inject({
      method: 'PATCH',
      url: `/api/me/zelfscan/results/${result.id}/actions/${tipId}`,
      headers: owner.headers,
      payload: { done: true, plannedFor: '2026-12-01' },
    });
    await expectStatus(planned, 200, 'plan');
    const { caseId } = await submitSupport(t, owner, { zelfscanResultId: result.id });
    await expectStatus(await call(t, people.assigned as TestActor, 'POST', `/api/cases/${caseId}/take`, {}), 200);
    return { caseId, result, tipId };
  }

  async function readsOf(caseId: string) {
    const [row] = await t.app.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.recordId, caseId), eq(auditLog.action, 'support.zelfscan_read')));
    return row?.n ?? 0;
  }

  beforeAll(async () => {
    t = await createTestApp();
    Object.assign(people, {
      owner: await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Heerde' }),
      assigned: await createActor(t, ['confidant'], { association: 'ngb' }),
      coord: await createActor(t, ['ot_coordinator']),
      sameRole: await createActor(t, ['confidant'], { association: 'ngb' }),
      otherAssoc: await createActor(t, ['confidant'], { association: 'nvvr' }),
      admin: await createActor(t, ['admin']),
      stranger: await createActor(t, ['officeholder'], { office: 'raadslid' }),
      relative: await createActor(t, ['relative']),
      peer: await createActor(t, ['peer']),
      expert: await createActor(t, ['expert'], { expertField: 'security' }),
      sipa: await createActor(t, ['sipa_advisor']),
    });
  });
  afterAll(async () => t?.close());

  it('shows the assigned confidant and the coordinator the evaluated result, and audits each read', async () => {
    const { caseId, result, tipId } = await sharedCase();
    for (const name of ['assigned', 'coord'] as const) {
      const before = await readsOf(caseId);
      const response = await call(t, people[name] as TestActor, 'GET', url(caseId));
      await expectStatus(response, 200, name);
      const body = response.json() as SharedZelfscanResponse;
      expect(body.shared?.result.id).toBe(result.id);
      expect(body.shared?.result.categories).toEqual(result.categories);
      expect(body.shared?.result.tips).toEqual(result.tips);
      expect(body.shared?.result.actions.find((action) => action.tipId === tipId)).toEqual({
        tipId,
        done: true,
        plannedFor: '2026-12-01',
      });
      expect(body.shared?.sharedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      // A summary, never the answers.
      expect(response.body).not.toContain('answers');
      for (const question of Q.questions) expect(response.body).not.toContain(`"${question.id}":`);
      expect(await readsOf(caseId)).toBe(before + 1);
    }
    // In the requester's "Wie heeft mijn gegevens ingezien?".
    const log = (await call(t, people.owner as TestActor, 'GET', '/api/me/access-log')).json();
    const reads = log.entries.filter((entry: { action: string }) => entry.action === 'support.zelfscan_read');
    expect(reads.map((entry: { actorRoles: string[] }) => entry.actorRoles.join(',')).sort()).toEqual([
      'confidant',
      'ot_coordinator',
    ]);
    expect(reads.every((entry: { recordType: string }) => entry.recordType === 'support_case')).toBe(true);
    // The requester sees it too, without an entry about themselves.
    const own = await call(t, people.owner as TestActor, 'GET', url(caseId));
    await expectStatus(own, 200, 'owner');
    expect(own.json().shared.result.id).toBe(result.id);
    expect(await readsOf(caseId)).toBe(2);
  });

  it('answers 404 to everyone else, grantees included, and 401 to anonymous callers', async () => {
    const { caseId } = await sharedCase();
    const assigned = people.assigned as TestActor;
    // A peer let in with every scope, an expert with the summary only.
    for (const [grantee, scopes] of [
      [people.peer as TestActor, ['summary', 'intake', 'messages', 'attachments']],
      [people.expert as TestActor, ['summary']],
    ] as const) {
      const proposed = await call(t, assigned, 'POST', `/api/cases/${caseId}/grants`, {
        personId: grantee.personId,
        scopes,
      });
      await expectStatus(proposed, 201, 'propose');
      await expectStatus(
        await call(t, people.owner as TestActor, 'POST', `/api/cases/${caseId}/grants/${proposed.json().id}/consent`, {
          scopes,
        }),
        200,
        'consent',
      );
    }
    // The peer may read the intake, but the result was shared with the confidant only.
    await expectStatus(await call(t, people.peer as TestActor, 'GET', `/api/cases/${caseId}`), 200, 'peer detail');
    const before = await readsOf(caseId);
    for (const name of ['sameRole', 'otherAssoc', 'admin', 'stranger', 'relative', 'peer', 'expert', 'sipa']) {
      const response = await call(t, people[name] as TestActor, 'GET', url(caseId));
      await expectStatus(response, 404, name);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await expectStatus(await call(t, null, 'GET', url(caseId)), 401, 'anonymous');
    await expectStatus(
      await call(t, assigned, 'GET', url('00000000-0000-4000-8000-000000000000')),
      404,
      'missing case',
    );
    await expectStatus(await call(t, assigned, 'GET', url('not-a-uuid')), 400, 'bad id');
    expect(await readsOf(caseId)).toBe(before);
  });

  it('is gone for everybody but the requester once withdrawn', async () => {
    const { caseId } = await sharedCase();
    await expectStatus(await call(t, people.assigned as TestActor, 'GET', url(caseId)), 200, 'before');
    await expectStatus(
      await call(t, people.owner as TestActor, 'POST', `/api/cases/${caseId}/support/zelfscan/withdraw`, {}),
      200,
      'withdraw',
    );
    const before = await readsOf(caseId);
    for (const name of ['assigned', 'coord', 'sameRole', 'admin', 'stranger']) {
      await expectStatus(await call(t, people[name] as TestActor, 'GET', url(caseId)), 404, name);
    }
    const own = await call(t, people.owner as TestActor, 'GET', url(caseId));
    await expectStatus(own, 200, 'owner');
    expect(own.json()).toEqual({ shared: null });
    expect(await readsOf(caseId)).toBe(before);
  });

  it('shows nothing when no result was shared, and nothing on a SIPA case', async () => {
    const plain = await submitSupport(t, people.owner as TestActor);
    await expectStatus(await call(t, people.coord as TestActor, 'GET', url(plain.caseId)), 404, 'coordinator');
    expect((await call(t, people.owner as TestActor, 'GET', url(plain.caseId))).json()).toEqual({ shared: null });
    const sipa = await submitSipa(t, people.owner as TestActor);
    await expectStatus(await call(t, people.owner as TestActor, 'GET', url(sipa.caseId)), 404, 'sipa owner');
  });
});
