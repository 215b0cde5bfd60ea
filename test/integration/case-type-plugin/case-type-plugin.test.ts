import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.ts';
import { parseConfig } from '../../../src/server/config.ts';
import { Keyring } from '../../../src/server/lib/crypto/index.ts';
import { cases } from '../../../src/server/modules/cases/db.ts';
import { runRetention } from '../../../src/server/modules/cases/retention.ts';
import type { RouteAccess } from '../../../src/server/plugins/access.ts';
import { ROLES, type Role } from '../../../src/shared/roles.ts';
import { ACCESS_TABLE } from '../../helpers/access-table.ts';
import { createActor, type TestActor } from '../../helpers/actors.ts';
import { call, expectStatus } from '../../helpers/cases.ts';
import type { TestApp } from '../../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { createVisitTable, VISIT_ROUTES, VISIT_TYPE, visitCases, visitCaseTypeModule } from './visit-type.ts';

/**
 * A third case type, defined entirely in this folder (visit-type.ts), plugs into the case core through
 * buildApp's `caseTypes` and nothing else: it runs through create → take → message → its own action →
 * close → retention, appears in the queue, in the authorization matrix (the core's staff routes now
 * admit its staff role; its own routes are guarded like any other) and in the requester's access log.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
let clock = new Date('2027-03-01T09:00:00Z');

async function buildWithVisits(testDatabase: TestDatabase, keyring: Keyring): Promise<TestApp> {
  const config = parseConfig({ NODE_ENV: 'test' });
  const webDistDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-web-'));
  const sentMail: TestApp['sentMail'] = [];
  const app = await buildApp({
    config,
    database: testDatabase.database,
    keyring,
    mailTransport: { local: true, deliver: async (mail) => void sentMail.push(mail) },
    ownsDatabase: false,
    webDistDir,
    logger: false,
    now: () => clock,
    caseTypes: [visitCaseTypeModule],
  });
  await app.ready();
  return {
    app,
    config,
    keyring,
    sentMail,
    testDatabase,
    close: async () => {
      await app.close();
      await rm(webDistDir, { recursive: true, force: true });
    },
  };
}

describe('a case type from outside the application (test/integration/case-type-plugin)', () => {
  let testDatabase: TestDatabase;
  let t: TestApp;
  let requester: TestActor;
  let advisor: TestActor;
  let otherAdvisor: TestActor;
  let confidant: TestActor;
  let stranger: TestActor;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    await createVisitTable(testDatabase.database.db);
    t = await buildWithVisits(testDatabase, Keyring.generate());
    requester = await createActor(t, ['officeholder'], { office: 'burgemeester', displayName: 'Burgemeester B' });
    advisor = await createActor(t, ['ccv_advisor'], { displayName: 'CCV-adviseur A' });
    otherAdvisor = await createActor(t, ['ccv_advisor'], { displayName: 'CCV-adviseur C' });
    confidant = await createActor(t, ['confidant'], { association: 'ngb' });
    stranger = await createActor(t, ['officeholder'], { office: 'raadslid' });
  });
  afterAll(async () => {
    await t.close();
    await testDatabase.destroy();
  });

  it('runs through create, take, message, its own action, close and retention', async () => {
    const before = await call(t, requester, 'GET', '/api/cases/types');
    expect(before.json().types.map((type: { type: string }) => type.type)).toContain(VISIT_TYPE);
    expect(before.json().types.find((type: { type: string }) => type.type === VISIT_TYPE)).toMatchObject({
      statuses: ['requested', 'accepted', 'planned', 'waiting', 'done'],
      actions: ['plan_visit'],
    });

    // Create, through the type's own route.
    const created = await call(t, requester, 'POST', '/api/test-visits/requests', {
      topic: 'home',
      question: 'Kan iemand mijn woning bekijken?',
    });
    await expectStatus(created, 201, 'create');
    const { caseId } = created.json();
    const mine = (await call(t, requester, 'GET', '/api/me/cases')).json().cases;
    expect(mine).toMatchObject([{ id: caseId, type: VISIT_TYPE, status: 'requested', nextStep: 'wait_for_advisor' }]);

    // The queue: the type's staff see it with the type's summary and no content; other staff do not.
    const queue = (await call(t, advisor, 'GET', `/api/cases/queue?type=${VISIT_TYPE}`)).json();
    expect(queue.items).toMatchObject([{ id: caseId, status: 'requested', typeSummary: { topic: 'home' } }]);
    expect(JSON.stringify(queue)).not.toContain('woning bekijken');
    await expectStatus(await call(t, confidant, 'GET', `/api/cases/queue?type=${VISIT_TYPE}`), 403, 'confidant queue');
    const notices = (await call(t, advisor, 'GET', '/api/me/notifications')).json().notifications;
    expect(notices[0]).toMatchObject({
      kind: 'case_new_in_queue',
      subject: { type: 'case', id: caseId, subtype: VISIT_TYPE, view: 'staff' },
    });

    // Take: the core's staff route admits the type's role (resolved from the registry); others may not.
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/take`, {}), 404, 'confidant take');
    await expectStatus(await call(t, advisor, 'POST', `/api/cases/${caseId}/take`, {}), 200, 'take');
    await expectStatus(await call(t, otherAdvisor, 'POST', `/api/cases/${caseId}/take`, {}), 409, 'second take');
    await expectStatus(await call(t, otherAdvisor, 'GET', `/api/cases/${caseId}`), 404, 'other advisor');
    await expectStatus(await call(t, stranger, 'GET', `/api/cases/${caseId}`), 404, 'stranger');

    // A message, both ways.
    await expectStatus(
      await call(t, advisor, 'POST', `/api/cases/${caseId}/messages`, { body: 'Ik kom graag langs.' }),
      201,
    );
    const messages = (await call(t, requester, 'GET', `/api/cases/${caseId}/messages`)).json().messages;
    expect(messages.map((m: { body: string }) => m.body)).toEqual(['Ik kom graag langs.']);

    // Its own action, on its own route, under its own rule.
    await expectStatus(
      await call(t, requester, 'PUT', `/api/cases/${caseId}/test-visit/plan`, { plannedFor: clock.toISOString() }),
      403,
      'requester plans',
    );
    await expectStatus(
      await call(t, advisor, 'PUT', `/api/cases/${caseId}/test-visit/plan`, { plannedFor: '2027-03-08T10:00:00Z' }),
      200,
      'plan',
    );
    const detail = (await call(t, requester, 'GET', `/api/cases/${caseId}`)).json();
    expect(detail).toMatchObject({
      type: VISIT_TYPE,
      status: 'planned',
      nextStep: 'visit_planned',
      viewer: { relations: ['owner'] },
      typeDetail: {
        intake: { question: 'Kan iemand mijn woning bekijken?' },
        topic: 'home',
        plannedFor: '2027-03-08T10:00:00.000Z',
      },
    });
    const staffView = (await call(t, advisor, 'GET', `/api/cases/${caseId}`)).json();
    expect(staffView.viewer.actions).toEqual(expect.arrayContaining(['post_message', 'change_status']));
    expect(staffView.viewer.actions).not.toContain('plan_visit'); // no plan transition from `planned`

    // Close with one of its outcomes (another type's outcome is refused).
    await expectStatus(
      await call(t, advisor, 'POST', `/api/cases/${caseId}/close`, { outcome: 'advice_given' }),
      400,
      'foreign outcome',
    );
    await expectStatus(await call(t, advisor, 'POST', `/api/cases/${caseId}/close`, { outcome: 'visited' }), 200);
    const timeline = (await call(t, requester, 'GET', `/api/cases/${caseId}/timeline`)).json().events;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'assigned', 'visit_planned', 'closed']),
    );

    // The access log names what others did, on a record of the type's own record type.
    const log = (await call(t, requester, 'GET', '/api/me/access-log')).json().entries;
    const ours = log.filter((entry: { recordType: string }) => entry.recordType === 'test_visit_case');
    expect(ours.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['case.taken', 'case.read', 'test_visit.planned', 'case.closed']),
    );
    expect(ours.find((entry: { action: string }) => entry.action === 'test_visit.planned')?.actorName).toBe(
      'CCV-adviseur A',
    );

    // Retention: not before the type's 90 days; then a tombstone, and the type's own row is gone too.
    clock = new Date(clock.getTime() + 89 * DAY_MS);
    expect(await runRetention(t.app.cases)).toBe(0);
    clock = new Date(clock.getTime() + 2 * DAY_MS);
    expect(await runRetention(t.app.cases)).toBe(1);
    const [tombstone] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
    expect(tombstone).toMatchObject({ type: VISIT_TYPE, outcome: 'visited', requesterId: null, intakeEnvelope: null });
    expect(tombstone?.erasedAt).not.toBeNull();
    expect(await t.app.db.select().from(visitCases).where(eq(visitCases.caseId, caseId))).toEqual([]);
    await expectStatus(await call(t, requester, 'GET', `/api/cases/${caseId}`), 404, 'after retention');
  });

  describe('in the authorization matrix', () => {
    const inRoleOrder = (roles: readonly Role[]) => ROLES.filter((role) => roles.includes(role));
    const staffBefore: Role[] = ['confidant', 'ot_coordinator', 'sipa_advisor'];
    const staffWith = inRoleOrder([...staffBefore, 'ccv_advisor']);
    const queueBefore: Role[] = [...staffBefore, 'peer', 'expert'];
    const same = (access: RouteAccess, roles: readonly Role[]) =>
      typeof access === 'object' && access.roles.join() === roles.join();

    /** The application's access table with this type plugged in: its staff join the core's staff routes. */
    const expectedTable: Record<string, RouteAccess> = {
      ...Object.fromEntries(
        Object.entries(ACCESS_TABLE).map(([route, access]) => {
          if (same(access, staffBefore)) return [route, { roles: staffWith }];
          if (same(access, queueBefore)) return [route, { roles: [...staffWith, 'peer', 'expert'] }];
          return [route, access];
        }),
      ),
      ...VISIT_ROUTES,
    };

    it('registers exactly the application’s routes and its own, each with the expected policy', () => {
      const actual = Object.fromEntries(
        t.app
          .registeredRoutes()
          .filter(
            (route) =>
              route.method !== 'HEAD' && !route.url.startsWith('/api/docs') && !route.url.startsWith('/assets'),
          )
          // The staff routes' roles are read per request from the registry: compare their values now.
          .map((route) => [
            `${route.method} ${route.url}`,
            typeof route.access === 'object' ? { roles: [...route.access.roles] } : route.access,
          ]),
      );
      expect(actual).toEqual(expectedTable);
    });

    it('lets every role through exactly where the table says, on the routes the type adds or widens', async () => {
      const changed = Object.entries(expectedTable).filter(([route]) => {
        const before = ACCESS_TABLE[route];
        return !before || JSON.stringify(before) !== JSON.stringify(expectedTable[route]);
      });
      // Its own two routes; the core's staff routes admit ccv_advisor already, for the built-in woningscan
      // type (the same role twice adds nothing — the route-policy test above checks the values).
      expect(changed.length).toBeGreaterThanOrEqual(Object.keys(VISIT_ROUTES).length);
      const actors = new Map<Role, TestActor>();
      for (const role of ROLES) actors.set(role, await createActor(t, [role]));
      const problems: string[] = [];
      for (const [route, access] of changed) {
        const [method = 'GET', url = '/'] = route.split(' ');
        const path = url.replace(/:[A-Za-z]+/g, () => crypto.randomUUID());
        for (const caller of ['anonymous', ...ROLES] as const) {
          const actor = caller === 'anonymous' ? null : (actors.get(caller) ?? null);
          const response = await call(t, actor, method as 'GET', path, method === 'GET' ? undefined : {});
          const code = response.headers['content-type']?.toString().includes('json') ? response.json()?.code : '';
          const stopped =
            (response.statusCode === 401 && code === 'unauthenticated') ||
            (response.statusCode === 403 && code === 'forbidden');
          const want =
            caller === 'anonymous'
              ? 401
              : access === 'signedIn' || (typeof access === 'object' && access.roles.includes(caller))
                ? 'through'
                : 403;
          const got = stopped ? response.statusCode : 'through';
          if (got !== want) problems.push(`${route} ${caller}: expected ${want}, got ${response.statusCode}`);
          if (response.statusCode >= 500) problems.push(`${route} ${caller}: ${response.statusCode}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });
});
