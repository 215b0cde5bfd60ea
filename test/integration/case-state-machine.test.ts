import { and, eq, isNull } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseAssignments, cases } from '../../src/server/modules/cases/db.ts';
import { allowedPairs } from '../../src/server/modules/cases/registry.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { coreActions, type People, WALK_KITS, WALK_STAFF, type WalkAction } from '../helpers/case-walks.ts';
import { call, NO_REQUEST_LIMIT } from '../helpers/cases.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Model-based property test of the case state machine, for every case type the app registers (read
 * from the registry, so a new type is walked too — with its walk kit, test/helpers/case-walks.ts):
 * random sequences of API calls by random people (allowed or not) never bring a case into a status its
 * type does not have, never make a transition the type does not list, never answer 5xx, and keep the
 * bookkeeping consistent with the status.
 */

type Command = { actor: string; action: string };

// The app is built while the tests are collected: the registry decides which types are walked.
const t: TestApp = await createTestApp({ env: NO_REQUEST_LIMIT });
const registered = t.app.cases.registry.all();
/** Every status of every type: each walk also tries the other types' statuses. */
const ALL_STATUSES = [...new Set(registered.flatMap((definition) => definition.statuses))];

describe('the case state machine (property)', () => {
  const people: People = {};

  beforeAll(async () => {
    people.requester = await createActor(t, ['officeholder'], { office: 'burgemeester' });
    people.stranger = await createActor(t, ['officeholder'], { office: 'raadslid' });
    for (const [name, { roles, association }] of Object.entries(WALK_STAFF)) {
      people[name] = await createActor(t, roles, association ? { association } : {});
    }
  });
  afterAll(() => t.close());

  it('walks every registered case type: support, SIPA and the woningscan at least', () => {
    expect(registered.map((definition) => definition.type)).toEqual(
      expect.arrayContaining(['support', 'sipa', 'woningscan']),
    );
  });

  async function observe(caseId: string) {
    const [row] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
    if (!row) throw new Error('case vanished');
    const assignees = await t.app.db
      .select({ personId: caseAssignments.personId })
      .from(caseAssignments)
      .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)));
    return { row, assignees: assignees.length, assigneeId: assignees[0]?.personId ?? null };
  }

  for (const definition of registered) {
    const { type } = definition;
    it(`never leaves the ${type} type's transitions`, { timeout: 300_000 }, async () => {
      const kit = WALK_KITS[type];
      expect(kit, `a walk kit for the ${type} type in test/helpers/case-walks.ts`).toBeDefined();
      if (!kit) return;
      const actions: Record<string, WalkAction> = { ...coreActions(ALL_STATUSES, definition), ...kit.actions };
      const pairs = allowedPairs(definition);
      const realMoves = [...pairs].filter((pair) => pair.split('->')[0] !== pair.split('->')[1]);
      const statuses = new Set<string>(definition.statuses);
      const seenTransitions = new Set<string>();
      const stats = new Map<string, number>();
      const actorNames = [...Object.keys(people), 'assignee'];
      const anyCommand = fc.record({
        actor: fc.constantFrom(...actorNames),
        action: fc.constantFrom(...Object.keys(actions)),
      });
      const plausible = [
        ...kit.plausible,
        ...definition.statuses.map((status): [string, string] => ['assignee', `status:${status}`]),
      ].map(([actor, action]) => ({ actor, action }));
      for (const { action } of plausible) expect(actions, `${type} knows ${action}`).toHaveProperty([action]);
      const command = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...plausible) },
        { weight: 1, arbitrary: anyCommand },
      );

      await fc.assert(
        fc.asyncProperty(
          fc.option(fc.constantFrom(...kit.openings), { freq: 6 }),
          fc.array(command, { minLength: 4, maxLength: 25 }),
          async (opening, rest) => {
            const commands: Command[] = [...(opening ?? []).map(([actor, action]) => ({ actor, action })), ...rest];
            const opened = await kit.submit(t, people);
            const { caseId } = opened;
            const walkers: People = { ...people, ...(opened.requester ? { requester: opened.requester } : {}) };
            let previous = (await observe(caseId)).row.status;
            expect(previous).toBe(definition.initialStatus);
            for (const { actor, action } of commands) {
              const current = await observe(caseId);
              const caller =
                actor === 'assignee'
                  ? (Object.values(walkers).find((p) => p.personId === current.assigneeId) ?? walkers[kit.defaultStaff])
                  : walkers[actor];
              const [method, url, body] = await (actions[action] as WalkAction)(t, caseId, walkers);
              const response = await call(t, (caller as TestActor | undefined) ?? null, method as 'POST', url, body);
              const key = `${actor} ${action} ${response.statusCode}`;
              stats.set(key, (stats.get(key) ?? 0) + 1);
              expect(response.statusCode, `${actor} ${action}: ${response.body}`).toBeLessThan(500);
              if (process.env.DEBUG_SM)
                console.log(type, actor, action, response.statusCode, response.body.slice(0, 80));
              const { row, assignees } = await observe(caseId);
              expect(statuses.has(row.status), `${row.status} is a ${type} status`).toBe(true);
              if (row.status !== previous) {
                const pair = `${previous}->${row.status}`;
                expect(pairs.has(pair), `${pair} by ${actor} ${action} is allowed`).toBe(true);
                seenTransitions.add(pair);
              }
              // Bookkeeping that must follow the status.
              const closed = row.status === definition.closedStatus;
              expect(Boolean(row.closedAt), 'closedAt set exactly when closed').toBe(closed);
              expect(Boolean(row.outcome), 'an outcome exactly when closed').toBe(closed);
              if (row.status === definition.initialStatus) expect(assignees, 'nobody assigned in the queue').toBe(0);
              if (!closed && row.status !== definition.initialStatus) expect(assignees).toBe(1);
              if (row.status === definition.pausedStatus) {
                expect(row.pausedSince, 'the clock is paused while waiting').not.toBeNull();
                expect(row.firstResponseDueAt).toBeNull();
              } else if (!closed) {
                expect(row.pausedSince).toBeNull();
              }
              await kit.check?.(t, caseId, row.status);
              previous = row.status;
            }
          },
        ),
        // A fixed seed keeps CI deterministic; FC_SEED=<n> explores other walks.
        { numRuns: 50, seed: Number(process.env.FC_SEED ?? 20261129) },
      );
      // The walks got somewhere: most of the type's transitions were exercised, not only refusals.
      if (process.env.DEBUG_SM) console.info([...stats].sort((a, b) => b[1] - a[1]).slice(0, 40));
      const missed = realMoves.filter((pair) => !seenTransitions.has(pair));
      console.info(
        `${type}: ${seenTransitions.size} of ${realMoves.length} transitions seen; not seen: ${missed.join(', ')}`,
      );
      expect(seenTransitions.size).toBeGreaterThanOrEqual(Math.ceil(realMoves.length * 0.6));
    });
  }
});
