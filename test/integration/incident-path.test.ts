import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentFollowUps } from '../../src/server/modules/incidents/db.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { recordIncident } from '../helpers/incidents.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The incident's path is a registry the incident module owns: each later module (aangifte, protection,
 * damages, aftercare) adds its step. Here two steps are registered the way a module would, reading a real
 * table of this incident (here: any follow-up counts as the police step done), in the wrong order on purpose: the path comes back in path order.
 */
describe('incidents: the path registry', () => {
  let t: TestApp;
  let owner: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createActor(t, ['officeholder']);
    t.app.incidents.path.register({
      step: 'damages',
      progress: async () => ({ state: 'todo', since: null }),
    });
    t.app.incidents.path.register({
      step: 'police',
      progress: async (db, incident) => {
        const [row] = await db
          .select({ at: sql<Date | null>`max(${incidentFollowUps.createdAt})` })
          .from(incidentFollowUps)
          .where(eq(incidentFollowUps.incidentId, incident.id));
        const at = row?.at ? new Date(row.at) : null;
        return at ? { state: 'done', since: at } : { state: 'todo', since: null };
      },
    });
  }, 60_000);
  afterAll(() => t.close());

  const path = (id: string) =>
    t.app.inject({ method: 'GET', url: `/api/me/incidents/${id}/path`, headers: owner.headers });

  it('lists the registered steps in path order and names the first one not done', async () => {
    const id = await recordIncident(t, owner);
    expect((await path(id)).json()).toEqual({
      steps: [
        { step: 'police', state: 'todo', since: null },
        { step: 'damages', state: 'todo', since: null },
        // Registered by the aftercare module itself (no plan follows this incident).
        { step: 'aftercare', state: 'todo', since: null },
      ],
      next: 'police',
    });
    const followUp = await t.app.inject({
      method: 'POST',
      url: `/api/me/incidents/${id}/follow-ups`,
      headers: owner.headers,
      payload: { occurredOn: '2026-12-01', kind: 'aangifte', text: 'Aangifte gedaan bij het bureau.' },
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const after = (await path(id)).json();
    expect(after.steps[0]).toMatchObject({ step: 'police', state: 'done' });
    expect(Date.parse(after.steps[0].since)).not.toBeNaN();
    expect(after.next).toBe('damages');
  });

  it('refuses a step registered twice', () => {
    expect(() =>
      t.app.incidents.path.register({ step: 'police', progress: async () => ({ state: 'todo', since: null }) }),
    ).toThrow(/twice/);
  });
});
