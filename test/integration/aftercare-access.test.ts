import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import type { TestActor } from '../helpers/actors.ts';
import {
  type AftercareWorld,
  aftercareApp,
  aftercareWorld,
  calmAnswers,
  myPlans,
  openBody,
  openPlan,
  sweep,
  TestClock,
} from '../helpers/aftercare.ts';
import { call, containsCanary, dumpAllRows, expectStatus, supportRequest } from '../helpers/cases.ts';
import { recordIncident } from '../helpers/incidents.ts';
import type { TestApp } from '../helpers/test-app.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

/**
 * Every aftercare route: 401 without a session, 400 for bad input (with field messages, nothing
 * stored), 404 for anyone without a relation to the record (missing and forbidden alike), 200/201 for the
 * one who may. Then: hostile input, the canary in a dump, the person's own request, the incident path.
 */
describe('aftercare routes: the ladder, hostile input and the dump', () => {
  const clock = new TestClock();
  let t: TestApp;
  let w: AftercareWorld;
  let planId: string;
  let stepId: string;
  let checkInId: string;
  let partnerCheckInId: string;

  beforeAll(async () => {
    t = await aftercareApp(clock);
    w = await aftercareWorld(t);
    const plan = await openPlan(t, w);
    planId = plan.id;
    stepId = plan.steps[0]?.id as string;
    await expectStatus(
      await call(t, w.requester, 'PUT', `/api/aftercare/plans/${planId}/relatives`, {
        relativeIds: [w.partner.personId],
      }),
      200,
      'include partner',
    );
    clock.moveDays(7);
    await sweep(t);
    checkInId = (await myPlans(t, w.requester))[0]?.checkIns[0]?.id as string;
    partnerCheckInId = (await myPlans(t, w.partner))[0]?.checkIns[0]?.id as string;
    await expectStatus(
      await call(t, w.partner, 'POST', `/api/aftercare/check-ins/${partnerCheckInId}/answers`, calmAnswers),
      200,
      'partner answers',
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (table: string) =>
    rowsOf<{ n: number }>(await t.app.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]?.n ?? 0;

  interface Rung {
    route: string;
    method: 'GET' | 'POST' | 'PUT' | 'PATCH';
    url: () => string;
    badUrl?: () => string;
    body?: () => unknown;
    badBody?: () => unknown;
    who: () => TestActor;
    others: () => TestActor[];
    ok: number;
  }

  const rungs: Rung[] = [
    {
      route: 'GET /api/aftercare/cases/:caseId/plan',
      method: 'GET',
      url: () => `/api/aftercare/cases/${w.caseId}/plan`,
      badUrl: () => '/api/aftercare/cases/not-a-uuid/plan',
      who: () => w.confidant,
      others: () => [w.sameAssociationConfidant, w.coordinator],
      ok: 200,
    },
    {
      route: 'GET /api/aftercare/check-ins/:checkInId/answers',
      method: 'GET',
      url: () => `/api/aftercare/check-ins/${partnerCheckInId}/answers`,
      badUrl: () => '/api/aftercare/check-ins/x/answers',
      who: () => w.partner,
      others: () => [w.requester, w.child, w.sameAssociationConfidant, w.stranger],
      ok: 200,
    },
    {
      route: 'PATCH /api/aftercare/plans/:planId/steps/:stepId',
      method: 'PATCH',
      url: () => `/api/aftercare/plans/${planId}/steps/${stepId}`,
      body: () => ({ done: true }),
      badBody: () => ({ done: 'yes' }),
      who: () => w.requester,
      others: () => [w.partner, w.child, w.sameAssociationConfidant, w.stranger],
      ok: 200,
    },
    {
      route: 'PUT /api/aftercare/plans/:planId/sharing',
      method: 'PUT',
      url: () => `/api/aftercare/plans/${planId}/sharing`,
      body: () => ({ shareAnswersWithPerson: false }),
      badBody: () => ({ shareAnswersWithPerson: 1 }),
      who: () => w.partner,
      others: () => [w.requester, w.child, w.otherRelative, w.stranger],
      ok: 200,
    },
    {
      route: 'PUT /api/aftercare/plans/:planId/relatives',
      method: 'PUT',
      url: () => `/api/aftercare/plans/${planId}/relatives`,
      body: () => ({ relativeIds: [w.partner.personId] }),
      badBody: () => ({ relativeIds: [w.partner.personId, w.partner.personId] }),
      who: () => w.requester,
      others: () => [w.partner, w.stranger],
      ok: 200,
    },
    {
      route: 'POST /api/aftercare/plans/:planId/referrals',
      method: 'POST',
      url: () => `/api/aftercare/plans/${planId}/referrals`,
      body: () => ({ participantId: w.partner.personId, options: ['expert_pool'] }),
      badBody: () => ({ participantId: MISSING, options: [] }),
      who: () => w.confidant,
      others: () => [w.sameAssociationConfidant, w.otherAssociationConfidant, w.coordinator],
      ok: 200,
    },
    {
      route: 'POST /api/aftercare/plans/:planId/extend',
      method: 'POST',
      url: () => `/api/aftercare/plans/${planId}/extend`,
      body: () => ({ afterDays: 30 }),
      badBody: () => ({ afterDays: 0 }),
      who: () => w.confidant,
      others: () => [w.sameAssociationConfidant, w.coordinator],
      ok: 200,
    },
    {
      route: 'POST /api/aftercare/check-ins/:checkInId/answers',
      method: 'POST',
      url: () => `/api/aftercare/check-ins/${checkInId}/answers`,
      body: () => calmAnswers,
      badBody: () => ({ ...calmAnswers, sleep: 'terrible' }),
      who: () => w.requester,
      others: () => [w.partner, w.child, w.stranger],
      ok: 200,
    },
  ];

  for (const rung of rungs) {
    it(`${rung.route}: 401 → 400 → 404 → ${rung.ok}`, async () => {
      const body = rung.body?.();
      expect((await call(t, null, rung.method, rung.url(), body)).statusCode).toBe(401);
      if (rung.badUrl) expect((await call(t, rung.who(), rung.method, rung.badUrl(), body)).statusCode).toBe(400);
      if (rung.badBody !== undefined) {
        const bad = await call(t, rung.who(), rung.method, rung.url(), rung.badBody());
        expect(bad.statusCode).toBe(400);
        expect(bad.json().errors?.length ?? 0).toBeGreaterThan(0);
      }
      for (const other of rung.others()) {
        const response = await call(t, other, rung.method, rung.url(), body);
        // A role the route does not admit gets 403 before any record is looked up; every relation-less
        // caller of an admitted role gets the 404 of a missing record.
        expect([403, 404], `${rung.route} as ${other.roles.join(',')}`).toContain(response.statusCode);
      }
      // Admins never: 403 where the route admits only other roles, else the 404 of a missing record.
      expect([403, 404]).toContain((await call(t, w.admin, rung.method, rung.url(), body)).statusCode);
      const good = await call(t, rung.who(), rung.method, rung.url(), body);
      expect(good.statusCode, good.body).toBe(rung.ok);
    });
  }

  it('POST /api/aftercare/cases/:caseId/plan and …/end: 401 → 400 → 404 → 201/200', async () => {
    expect(
      (await call(t, null, 'POST', `/api/aftercare/plans/${planId}/end`, { reason: 'recovered' })).statusCode,
    ).toBe(401);
    const badReason = await call(t, w.requester, 'POST', `/api/aftercare/plans/${planId}/end`, { reason: 'bored' });
    expect(badReason.statusCode).toBe(400);
    for (const other of [w.partner, w.stranger, w.sameAssociationConfidant, w.admin]) {
      const response = await call(t, other, 'POST', `/api/aftercare/plans/${planId}/end`, { reason: 'recovered' });
      expect(response.statusCode).toBe(404);
    }
    const ended = await call(t, w.requester, 'POST', `/api/aftercare/plans/${planId}/end`, {
      reason: 'person_stopped',
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toEqual({ status: 'ended' });

    const url = `/api/aftercare/cases/${w.caseId}/plan`;
    expect((await call(t, null, 'POST', url, openBody())).statusCode).toBe(401);
    expect((await call(t, w.confidant, 'POST', url, { consent: { via: 'telepathy' } })).statusCode).toBe(400);
    expect((await call(t, w.confidant, 'POST', `/api/aftercare/cases/${MISSING}/plan`, openBody())).statusCode).toBe(
      404,
    );
    for (const other of [w.sameAssociationConfidant, w.coordinator]) {
      expect((await call(t, other, 'POST', url, openBody())).statusCode).toBe(404);
    }
    expect((await call(t, w.confidant, 'POST', url, openBody())).statusCode).toBe(201);
  });

  it('refuses hostile input with field messages and stores nothing', async () => {
    const plansBefore = await count('aftercare_plans');
    const stepsBefore = await count('aftercare_steps');
    const [current] = await myPlans(t, w.requester);
    // A step owned by someone who is not the person's relative: 400 on the field, no plan, no steps.
    await call(t, w.requester, 'POST', `/api/aftercare/plans/${current?.id}/end`, { reason: 'other' });
    const foreign = await call(t, w.confidant, 'POST', `/api/aftercare/cases/${w.caseId}/plan`, {
      consent: { via: 'phone' },
      steps: [{ topic: 'family', owner: 'relative', ownerRelativeId: w.otherRelative.personId }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ errors: [{ field: 'body/steps/0/ownerRelativeId' }] });
    expect(await count('aftercare_plans')).toBe(plansBefore);
    expect(await count('aftercare_steps')).toBeLessThanOrEqual(stepsBefore);
    const hostile = [
      { consent: { via: 'phone' }, extra: true },
      { consent: { via: 'phone' }, steps: [{ topic: 'family', owner: 'relative' }] },
      { consent: { via: 'phone' }, steps: [{ topic: 'family', owner: 'person', note: 'x'.repeat(501) }] },
      { consent: { via: 'phone' }, steps: [{ topic: 'family', owner: 'person', dueOn: '2027-13-45' }] },
      { consent: { via: 'phone' }, incidentId: MISSING },
      { consent: { via: 'phone\u0000' } },
    ];
    for (const body of hostile) {
      const response = await call(t, w.confidant, 'POST', `/api/aftercare/cases/${w.caseId}/plan`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors?.length ?? 0).toBeGreaterThan(0);
    }
    expect(await count('aftercare_plans')).toBe(plansBefore);
  });

  it('keeps answers, notes and prompts out of a dump in plain text', async () => {
    const opened = await openPlan(
      t,
      w,
      openBody({ steps: [{ topic: 'online_findability', owner: 'person', note: 'Canary-stap-7781' }] }),
    );
    clock.moveDays(7);
    await sweep(t);
    const [mine] = await myPlans(t, w.requester);
    const due = mine?.checkIns.find((c) => c.state === 'due');
    expect(opened.id).toBe(mine?.id);
    const answered = await call(t, w.requester, 'POST', `/api/aftercare/check-ins/${due?.id}/answers`, {
      ...calmAnswers,
      newEvents: 'yes',
      note: 'Canary-antwoord-5513',
    });
    expect(answered.statusCode).toBe(200);
    const dump = await dumpAllRows(t);
    // `new_events`: the prompt the answer raised (the signal names are health-related too).
    for (const canary of ['Canary-stap-7781', 'Canary-antwoord-5513', 'new_events']) {
      expect(containsCanary(dump, canary), canary).toBe(false);
    }
  });

  it('the person asks for aftercare on their case, or with a new support request; the confidant is told', async () => {
    const [current] = await myPlans(t, w.requester);
    await call(t, w.requester, 'POST', `/api/aftercare/plans/${current?.id}/end`, { reason: 'recovered' });
    expect((await call(t, null, 'POST', '/api/aftercare/requests', { caseId: w.caseId })).statusCode).toBe(401);
    expect((await call(t, w.requester, 'POST', '/api/aftercare/requests', {})).statusCode).toBe(400);
    expect((await call(t, w.stranger, 'POST', '/api/aftercare/requests', { caseId: w.caseId })).statusCode).toBe(404);
    const onCase = await call(t, w.requester, 'POST', '/api/aftercare/requests', { caseId: w.caseId });
    expect(onCase.statusCode).toBe(201);
    expect(onCase.json()).toMatchObject({ caseId: w.caseId, status: 'requested', reference: w.reference });
    const staff = (await call(t, w.confidant, 'GET', `/api/aftercare/cases/${w.caseId}/plan`)).json().plan;
    expect(staff.status).toBe('requested');
    // The person includes their child while it is asked for; the confidant opens it: both get check-ins.
    const requestedId = onCase.json().planId as string;
    await expectStatus(
      await call(t, w.requester, 'PUT', `/api/aftercare/plans/${requestedId}/relatives`, {
        relativeIds: [w.child.personId],
      }),
      200,
      'include while requested',
    );
    const opened = await call(t, w.confidant, 'POST', `/api/aftercare/cases/${w.caseId}/plan`, openBody());
    expect(opened.statusCode).toBe(201);
    const childPlan = (await myPlans(t, w.child)).find((p) => p.id === requestedId);
    expect(childPlan?.checkIns.map((c) => c.state)).toEqual(['scheduled', 'scheduled']);

    const incidentId = await recordIncident(t, w.stranger);
    const fresh = await call(t, w.stranger, 'POST', '/api/aftercare/requests', {
      contact: supportRequest().contact,
      incidentId,
    });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json().status).toBe('requested');
    const path = await call(t, w.stranger, 'GET', `/api/me/incidents/${incidentId}/path`);
    expect(path.json().steps).toContainEqual(expect.objectContaining({ step: 'aftercare', state: 'started' }));
    // Asking twice at once (ended first): one plan, never a 500.
    const freshCase = fresh.json().caseId as string;
    await call(t, w.stranger, 'POST', `/api/aftercare/plans/${fresh.json().planId}/end`, { reason: 'other' });
    const twice = await Promise.all(
      [1, 2].map(() => call(t, w.stranger, 'POST', '/api/aftercare/requests', { caseId: freshCase })),
    );
    for (const response of twice) expect([201, 409]).toContain(response.statusCode);
    const open = rowsOf<{ n: number }>(
      await t.app.db.execute(
        sql`SELECT count(*)::int AS n FROM aftercare_plans WHERE case_id = ${freshCase} AND status <> 'ended'`,
      ),
    );
    expect(open[0]?.n).toBe(1);
    // Someone else's incident cannot be named.
    const notMine = await call(t, w.requester, 'POST', '/api/aftercare/requests', {
      contact: supportRequest().contact,
      incidentId,
    });
    expect(notMine.statusCode).toBe(400);
  });
});
