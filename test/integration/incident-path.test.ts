import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncidentPathRegistry } from '../../src/server/modules/incidents/path.ts';
import { INCIDENT_PATH_STEPS } from '../../src/shared/incident-path.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { recordIncident } from '../helpers/incidents.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The incident's path is a registry the incident module owns: each later module (aangifte, protection,
 * damages, aftercare) adds its step. The registry itself is checked on its own (path order, not registration
 * order; a step registered twice is refused); the route is checked on the built app, whose modules
 * register their real steps (each module's own test moves its step).
 */
describe('incidents: the path registry', () => {
  let t: TestApp;
  let owner: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createActor(t, ['officeholder']);
  }, 60_000);
  afterAll(() => t.close());

  it('lists the steps in path order, whatever the order they were registered in, and refuses one twice', () => {
    const registry = new IncidentPathRegistry();
    const todo = async () => ({ state: 'todo' as const, since: null });
    registry.register({ step: 'damages', progress: todo });
    registry.register({ step: 'police', progress: todo });
    registry.register({ step: 'internal_report', progress: todo });
    expect(registry.providers().map((provider) => provider.step)).toEqual(['internal_report', 'police', 'damages']);
    expect(() => registry.register({ step: 'police', progress: todo })).toThrow(/twice/);
  });

  it('answers the built app’s registered steps in path order, and names the first one not done', async () => {
    const id = await recordIncident(t, owner);
    const response = await t.app.inject({ method: 'GET', url: `/api/me/incidents/${id}/path`, headers: owner.headers });
    expect(response.statusCode).toBe(200);
    const path = response.json() as { steps: { step: string; state: string; since: string | null }[]; next: string };
    const steps = path.steps.map((step) => step.step);
    expect(steps).toEqual(INCIDENT_PATH_STEPS.filter((step) => steps.includes(step)));
    expect(steps).toEqual(expect.arrayContaining(['internal_report', 'police', 'protection', 'damages']));
    expect(path.steps.every((step) => step.state === 'todo' && step.since === null)).toBe(true);
    expect(path.next).toBe(steps[0]);
  });

  it('counts an internal report written on the incident itself as the first step done', async () => {
    const id = await recordIncident(t, owner);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/me/incidents/${id}`,
      headers: owner.headers,
      payload: { internalReport: { to: 'griffier', on: '2026-12-01' } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const path = (
      await t.app.inject({ method: 'GET', url: `/api/me/incidents/${id}/path`, headers: owner.headers })
    ).json() as { steps: { step: string; state: string; since: string | null }[]; next: string };
    expect(path.steps[0]).toEqual({ step: 'internal_report', state: 'done', since: '2026-12-01T12:00:00.000Z' });
    expect(path.next).toBe('police');
  });

  it('refuses a step registered twice on the app', () => {
    expect(() =>
      t.app.incidents.path.register({ step: 'police', progress: async () => ({ state: 'todo', since: null }) }),
    ).toThrow(/twice/);
  });
});
