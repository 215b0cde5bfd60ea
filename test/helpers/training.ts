import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/server/db/index.ts';
import type { Keyring } from '../../src/server/lib/crypto/index.ts';
import {
  type CoordinatorSession,
  type CreateSessionBody,
  DJI_TRAINING_DEFAULTS,
  type MyEnrolment,
  type OfferingBody,
} from '../../src/shared/training.ts';
import { dutchLocal } from '../../src/shared/training-time.ts';
import type { TestActor } from './actors.ts';
import { buildCaseApp } from './cases.ts';
import type { TestApp } from './test-app.ts';

/** Helpers for the training tests (test/integration/training*.test.ts). */

export const DAY_MS = 86_400_000;

/**
 * The production app on a database the test owns, with a clock the test moves and, if asked, the job
 * runner started. Closing it leaves the database open.
 */
export async function buildTrainingApp(
  database: Database,
  keyring: Keyring,
  options: { now?: () => Date; startJobs?: boolean } = {},
): Promise<TestApp> {
  return buildCaseApp(database, keyring, options);
}

type Method = 'GET' | 'POST' | 'PUT';

export function send(
  t: TestApp,
  actor: TestActor | null,
  method: Method,
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: actor?.headers ?? {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

export function offeringBody(overrides: Partial<OfferingBody> = {}): OfferingBody {
  return {
    titleNl: DJI_TRAINING_DEFAULTS.titleNl,
    titleEn: DJI_TRAINING_DEFAULTS.titleEn,
    provider: DJI_TRAINING_DEFAULTS.provider,
    durationDays: DJI_TRAINING_DEFAULTS.durationDays,
    audience: ['burgemeester', 'wethouder'],
    descriptionNl: DJI_TRAINING_DEFAULTS.descriptionNl,
    descriptionEn: DJI_TRAINING_DEFAULTS.descriptionEn,
    ...overrides,
  };
}

/** A day and a half `days` after `now` (Dutch dates), deadline two days before the start. */
export function sessionBody(
  offeringId: string,
  now: Date,
  overrides: Partial<CreateSessionBody> & { days?: number } = {},
): CreateSessionBody {
  const { days = 30, ...rest } = overrides;
  const first = dutchLocal(new Date(now.getTime() + days * DAY_MS)).date;
  const second = dutchLocal(new Date(now.getTime() + (days + 1) * DAY_MS)).date;
  const deadline = dutchLocal(new Date(now.getTime() + (days - 2) * DAY_MS)).date;
  return {
    offeringId,
    parts: [
      { date: first, start: '09:00', end: '17:00' },
      { date: second, start: '09:00', end: '12:30' },
    ],
    city: 'Utrecht',
    venue: 'Opleidingscentrum, zaal 2',
    capacity: 12,
    enrolmentDeadline: { date: deadline, time: '17:00' },
    ...rest,
  };
}

async function json<T>(response: LightMyRequestResponse, status: number, what: string): Promise<T> {
  if (response.statusCode !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 400)}`);
  }
  return response.json() as T;
}

export async function createOffering(t: TestApp, coordinator: TestActor, overrides: Partial<OfferingBody> = {}) {
  const response = await send(t, coordinator, 'POST', '/api/training/coordination/offerings', offeringBody(overrides));
  return (await json<{ offering: { id: string } }>(response, 201, 'create offering')).offering;
}

export async function createSession(
  t: TestApp,
  coordinator: TestActor,
  offeringId: string,
  now: Date,
  overrides: Partial<CreateSessionBody> & { days?: number } = {},
): Promise<CoordinatorSession> {
  const response = await send(
    t,
    coordinator,
    'POST',
    '/api/training/coordination/sessions',
    sessionBody(offeringId, now, overrides),
  );
  return (await json<{ session: CoordinatorSession }>(response, 201, 'create session')).session;
}

export async function enrolIn(t: TestApp, person: TestActor, sessionId: string): Promise<MyEnrolment> {
  const response = await send(t, person, 'POST', `/api/training/sessions/${sessionId}/enrolments`);
  return (await json<{ enrolment: MyEnrolment }>(response, 201, 'enrol')).enrolment;
}
