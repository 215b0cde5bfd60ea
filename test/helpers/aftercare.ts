import type { LightMyRequestResponse } from 'fastify';
import { sweepAftercare } from '../../src/server/modules/aftercare/sweep.ts';
import type { AftercareStaffPlan, MyAftercarePlan, OpenAftercarePlan } from '../../src/shared/aftercare.ts';
import { createActor, type TestActor } from './actors.ts';
import { call, expectStatus, NO_REQUEST_LIMIT, type SupportWorld, submitSupport, supportWorld } from './cases.ts';
import { createTestApp, type TestApp } from './test-app.ts';

/** Helpers for the aftercare tests: an app whose clock the test moves, and the people of a plan. */

export const DAY = 86_400_000;

/** A clock the test moves forward (the unit of work's `now`). */
export class TestClock {
  offsetMs = 0;
  readonly now = () => new Date(Date.now() + this.offsetMs);
  moveDays(days: number) {
    this.offsetMs += days * DAY;
  }
  moveHours(hours: number) {
    this.offsetMs += hours * 3_600_000;
  }
}

export interface AftercareWorld extends SupportWorld {
  partner: TestActor;
  child: TestActor;
  /** A relative of someone else. */
  otherRelative: TestActor;
  caseId: string;
  reference: string;
}

export async function aftercareApp(clock: TestClock): Promise<TestApp> {
  return createTestApp({ env: NO_REQUEST_LIMIT, build: { now: clock.now } });
}

/** The support world, the requester's partner and child, and a support case the confidant has taken. */
export async function aftercareWorld(t: TestApp): Promise<AftercareWorld> {
  const w = await supportWorld(t);
  const partner = await createActor(t, ['relative'], {
    linkedOfficeholderId: w.requester.personId,
    relationship: 'partner',
    displayName: 'Partner P',
  });
  const child = await createActor(t, ['relative'], {
    linkedOfficeholderId: w.requester.personId,
    relationship: 'child',
    displayName: 'Kind K',
  });
  const otherRelative = await createActor(t, ['relative'], {
    linkedOfficeholderId: w.stranger.personId,
    displayName: 'Andere naaste',
  });
  const { caseId, reference } = await submitSupport(t, w.requester);
  await expectStatus(await call(t, w.confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200, 'take');
  return { ...w, partner, child, otherRelative, caseId, reference };
}

export const openBody = (overrides: Partial<OpenAftercarePlan> = {}): OpenAftercarePlan => ({
  consent: { via: 'conversation' },
  steps: [
    { topic: 'safety_at_home', owner: 'person', note: 'Camerabel laten ophangen', dueOn: '2027-01-10' },
    { topic: 'melding_aangifte', owner: 'confidant' },
    { topic: 'family', owner: 'person' },
  ],
  ...overrides,
});

export async function openPlan(t: TestApp, w: AftercareWorld, body = openBody()): Promise<AftercareStaffPlan> {
  const response = await call(t, w.confidant, 'POST', `/api/aftercare/cases/${w.caseId}/plan`, body);
  await expectStatus(response, 201, 'open plan');
  return response.json().plan;
}

export async function myPlans(t: TestApp, actor: TestActor): Promise<MyAftercarePlan[]> {
  const response = await call(t, actor, 'GET', '/api/aftercare/me');
  await expectStatus(response, 200, 'my plans');
  return response.json().plans;
}

export const sweep = (t: TestApp) => sweepAftercare(t.app.aftercare);

export const calmAnswers = { sleep: 'well', work: 'mixed', family: 'well', newEvents: 'no', wantsContact: 'no' };
export const preferNotAnswers = {
  sleep: 'prefer_not',
  work: 'prefer_not',
  family: 'prefer_not',
  newEvents: 'prefer_not',
  wantsContact: 'prefer_not',
};

export function json<T>(response: LightMyRequestResponse): T {
  return response.json() as T;
}
