import type { LightMyRequestResponse } from 'fastify';
import ICAL from 'ical.js';
import { expect } from 'vitest';
import type { WoningscanRequest } from '../../src/shared/woningscan.ts';
import type { TestActor } from './actors.ts';
import type { TestApp } from './test-app.ts';

/** Helpers for the woningscan tests (src/server/modules/woningscan/*.int.test.ts). */

export const ADDRESS_CANARY = {
  street: 'Canaryweg-wq71',
  houseNumber: '12b',
  postcode: '9999 ZZ',
  city: 'Canarydorp-83c1',
};
export const HOUSEHOLD_CANARY = 'Canary-gezin-5d2e: partner en twee kinderen';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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

export async function ok(response: LightMyRequestResponse, status = 200): Promise<void> {
  expect(response.statusCode, response.body).toBe(status);
}

/** A request with preferred periods from `from` (YYYY-MM-DD) on. */
export function woningscanRequest(from: string, overrides: Partial<WoningscanRequest> = {}): WoningscanRequest {
  const to = new Date(`${from}T12:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 14);
  return {
    preferredPeriods: [{ from, to: to.toISOString().slice(0, 10) }],
    household: HOUSEHOLD_CANARY,
    pkvwStatus: 'in_progress',
    address: ADDRESS_CANARY,
    ...overrides,
  };
}

/** An .ics file read with a real parser (ical.js): the calendar's METHOD and its one event. */
export function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    startZone: event.startDate.zone?.tzid ?? null,
    status: String(vevent.getFirstPropertyValue('status')),
    summary: event.summary,
    description: event.description,
    location: event.location,
  };
}
