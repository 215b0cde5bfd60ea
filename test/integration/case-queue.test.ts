import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { caseGrants, cases } from '../../src/server/modules/cases/db.ts';
import { presentQueueItem, slaOf } from '../../src/server/modules/cases/presenter.ts';
import { countQueue } from '../../src/server/modules/cases/queue-repository.ts';
import { loadCase, staffProfile, unreadCounts } from '../../src/server/modules/cases/repository.ts';
import type { CaseState } from '../../src/server/modules/cases/types.ts';
import { supportCases } from '../../src/server/modules/support/db.ts';
import { QUEUE_VIEWS, type QueueItem } from '../../src/shared/cases.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { buildCaseApp, call, expectStatus, submitSipa, submitSupport } from '../helpers/cases.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { woningscanRequest } from '../helpers/woningscan.ts';

/**
 * The staff queue filters, counts, sorts and pages in SQL (queue-repository.ts). This test holds it to
 * what the queue did when it loaded every case into Node and decided there (the reference below is that
 * code, kept for comparison): for a world of support, SIPA and woningscan cases in every state, every reader, view,
 * sort, order, filter and page gives the same rows, counts and totals — which also proves each type's
 * `mayTakeWhere` says what its `mayTake` says.
 */

const NOW = new Date('2026-11-30T10:00:00+01:00'); // a Monday
const MINUTE = 60_000;

interface QueueParams {
  type: string;
  view: (typeof QUEUE_VIEWS)[number];
  sort: 'due' | 'created' | 'updated';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  urgency?: string;
  status?: string;
}

describe('the staff queue in SQL', () => {
  let testDatabase: TestDatabase;
  let t: TestApp;
  const readers: Record<string, TestActor> = {};

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    t = await buildCaseApp(testDatabase.database, Keyring.generate(), {
      now: () => NOW,
      cases: { settings: { support: { maxRequestsPerDay: 1000 }, sipa: { maxRequestsPerDay: 1000 } } },
    });
    const burgemeester = await createActor(t, ['officeholder'], { office: 'burgemeester' });
    const wethouder = await createActor(t, ['officeholder'], { office: 'wethouder' });
    const raadslid = await createActor(t, ['officeholder'], { office: 'raadslid' });
    Object.assign(readers, {
      confidantNgb: await createActor(t, ['confidant'], { association: 'ngb' }),
      confidantNgb2: await createActor(t, ['confidant'], { association: 'ngb' }),
      confidantWethouders: await createActor(t, ['confidant'], { association: 'wethoudersvereniging' }),
      confidantWithoutAssociation: await createActor(t, ['confidant']),
      // A confidant who is also an office holder, with a request of their own: never in their own queue.
      confidantRequester: await createActor(t, ['confidant', 'officeholder'], {
        association: 'ngb',
        office: 'burgemeester',
      }),
      coordinator: await createActor(t, ['ot_coordinator']),
      coordinatorConfidant: await createActor(t, ['ot_coordinator', 'confidant'], { association: 'nvvr' }),
      sipaAdvisor: await createActor(t, ['sipa_advisor']),
      sipaAdvisor2: await createActor(t, ['sipa_advisor']),
      ccvAdvisor: await createActor(t, ['ccv_advisor']),
      ccvAdvisor2: await createActor(t, ['ccv_advisor']),
      peer: await createActor(t, ['peer']),
    });
    const r = readers as Record<string, TestActor> & { [key: string]: TestActor };
    const post = async (actor: TestActor, url: string, body: unknown = {}, status = 200) =>
      expectStatus(await call(t, actor, 'POST', url, body), status, url);

    const support = async (requester: TestActor, overrides = {}) =>
      (await submitSupport(t, requester, overrides)).caseId;
    await support(burgemeester);
    await support(burgemeester, { acuteDanger: true });
    await support(burgemeester, { concernFor: 'colleague', personConcerned: { name: 'W. Collega' } });
    await support(wethouder);
    await support(raadslid);
    const taken = await support(burgemeester);
    await post(r.confidantNgb as TestActor, `/api/cases/${taken}/take`);
    const assigned = await support(wethouder, { acuteDanger: true });
    await post(r.coordinator as TestActor, `/api/cases/${assigned}/assign`, {
      personId: (r.confidantWethouders as TestActor).personId,
    });
    await post(r.confidantWethouders as TestActor, `/api/cases/${assigned}/messages`, { body: 'Ik bel u.' }, 201);
    const closed = await support(burgemeester);
    await post(r.confidantNgb2 as TestActor, `/api/cases/${closed}/take`);
    await post(r.coordinator as TestActor, `/api/cases/${closed}/close`, { outcome: 'advice_given' });
    await support(r.confidantRequester as TestActor);
    const shared = await support(burgemeester);
    await post(r.confidantNgb as TestActor, `/api/cases/${shared}/take`);
    await t.app.db.insert(caseGrants).values({
      caseId: shared,
      personId: (r.peer as TestActor).personId,
      kind: 'peer',
      scopes: ['summary', 'messages'],
      consentedAt: NOW,
    });
    const released = await support(burgemeester);
    await post(r.confidantNgb as TestActor, `/api/cases/${released}/take`);
    await post(r.confidantNgb as TestActor, `/api/cases/${released}/release`);
    const reopened = await support(raadslid);
    await post(r.coordinator as TestActor, `/api/cases/${reopened}/close`, { outcome: 'withdrawn' });
    await post(raadslid, `/api/cases/${reopened}/reopen`, { reason: 'Het speelt weer.' });
    await post(burgemeester, `/api/cases/${await support(burgemeester)}/messages`, { body: 'Nog iets.' }, 201);

    await submitSipa(t, burgemeester);
    const sipaTaken = (await submitSipa(t, burgemeester, { urgent: true })).caseId;
    await post(r.sipaAdvisor as TestActor, `/api/cases/${sipaTaken}/take`);
    const sipaWithdrawn = (await submitSipa(t, burgemeester)).caseId;
    await post(burgemeester, `/api/cases/${sipaWithdrawn}/close`, { outcome: 'withdrawn' });

    // Woningscan requests (one open request per person): waiting, taken with times proposed, and closed.
    const woningscan = async (requester: TestActor) => {
      const response = await call(t, requester, 'POST', '/api/woningscan/requests', woningscanRequest('2026-12-07'));
      expectStatus(response, 201, 'woningscan request');
      return response.json().caseId as string;
    };
    await woningscan(wethouder);
    const scanTaken = await woningscan(burgemeester);
    await post(r.ccvAdvisor as TestActor, `/api/cases/${scanTaken}/take`);
    await post(r.ccvAdvisor as TestActor, `/api/cases/${scanTaken}/woningscan/slots`, {
      slots: [{ startsAt: '2026-12-08T09:00:00Z', endsAt: '2026-12-08T10:00:00Z' }],
    });
    const scanClosed = await woningscan(r.confidantRequester as TestActor);
    await post(r.confidantRequester as TestActor, `/api/cases/${scanClosed}/close`, { outcome: 'withdrawn' });

    // A colleague's concern is the coordinator's even when it carries an association (older cases did).
    await t.app.db.update(supportCases).set({ association: 'ngb' }).where(eq(supportCases.concernForColleague, true));

    // Service targets in every state around now: late, due soon for urgent and normal, not yet due.
    const dues = [-90, -5, 10, 60, 100, 180, 600, -30, 20, 90, 24 * 60];
    const open = await t.app.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(isNull(cases.closedAt), isNotNull(cases.firstResponseDueAt)))
      .orderBy(asc(cases.createdAt));
    for (const [index, { id }] of open.entries()) {
      const minutes = dues[index % dues.length] ?? 0;
      await t.app.db
        .update(cases)
        .set({
          firstResponseDueAt: new Date(NOW.getTime() + minutes * MINUTE),
          // Distinct moments, in another order than creation, so every sort means something.
          updatedAt: new Date(NOW.getTime() - ((index * 7) % 13) * MINUTE),
        })
        .where(eq(cases.id, id));
    }
  });
  afterAll(async () => {
    await t.close();
    await testDatabase.destroy();
  });

  const loaded = new Map<string, CaseState[]>();
  /** Every case of the type, loaded whole (the world does not change while the tests compare). */
  async function statesOf(type: string): Promise<CaseState[]> {
    const cached = loaded.get(type);
    if (cached) return cached;
    const ids = await t.app.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.type, type), isNull(cases.erasedAt), isNotNull(cases.requesterId)));
    const states: CaseState[] = [];
    for (const { id } of ids) {
      const state = await loadCase(t.app.db, t.app.cases.registry, id);
      if (state) states.push(state);
    }
    loaded.set(type, states);
    return states;
  }

  /** The queue as it was computed before: every case of the type loaded, then filtered and sorted in JS. */
  async function reference(actor: TestActor, params: QueueParams) {
    const db = t.app.db;
    const definition = t.app.cases.registry.get(params.type);
    const isCoordinator = definition.coordinatorRoles.some((role) => actor.roles.includes(role));
    const isStaff = isCoordinator || definition.assignableRoles.some((role) => actor.roles.includes(role));
    if (!isStaff && params.view !== 'shared') return null;
    const profile = await staffProfile(db, { personId: actor.personId, roles: actor.roles });
    const states = await statesOf(params.type);
    const sharedWithMe = (s: CaseState) =>
      s.grants.some((g) => g.personId === actor.personId && g.consentedAt !== null && g.revokedAt === null);
    const closed = (s: CaseState) => s.row.status === definition.closedStatus;
    const mine = (s: CaseState) => s.assignees.some((a) => a.personId === actor.personId);
    const unassigned = (s: CaseState) =>
      !closed(s) &&
      s.row.status === definition.initialStatus &&
      s.assignees.length === 0 &&
      s.row.requesterId !== actor.personId &&
      (isCoordinator || definition.mayTake(profile, s));
    const visible = (s: CaseState) => isStaff && (isCoordinator || mine(s) || unassigned(s));
    const open = (s: CaseState) => visible(s) && !closed(s);
    const views: Record<QueueParams['view'], (s: CaseState) => boolean> = {
      unassigned,
      mine: (s) => mine(s) && !closed(s),
      due_soon: (s) => open(s) && slaOf(definition, s.row, NOW).dueSoon,
      late: (s) => open(s) && slaOf(definition, s.row, NOW).late,
      shared: (s) => sharedWithMe(s) && !closed(s),
      closed: (s) => closed(s) && (isCoordinator ? true : mine(s)),
    };
    const counts = {
      unassigned: states.filter(views.unassigned).length,
      mine: states.filter(views.mine).length,
      dueSoon: states.filter(views.due_soon).length,
      late: states.filter(views.late).length,
      shared: states.filter(views.shared).length,
    };
    let selected = states.filter(views[params.view]);
    if (params.urgency) selected = selected.filter((s) => s.row.urgency === params.urgency);
    if (params.status) selected = selected.filter((s) => s.row.status === params.status);
    const key = (s: CaseState): number => {
      if (params.sort === 'created') return s.row.createdAt.getTime();
      if (params.sort === 'updated') return s.row.updatedAt.getTime();
      return s.row.firstResponseDueAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
    };
    const sign = params.order === 'asc' ? 1 : -1;
    // Ties broken by id, as the SQL does (the old code left them in the database's order).
    selected.sort((a, b) => sign * (key(a) - key(b) || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0)));
    const page = selected.slice(params.offset, params.offset + params.limit);
    const unread = await unreadCounts(
      db,
      actor.personId,
      page.map((s) => s.row.id),
    );
    const items = page.map((s) =>
      presentQueueItem(
        definition,
        s,
        NOW,
        { personId: actor.personId, mayOpen: isCoordinator || mine(s) || sharedWithMe(s) },
        unread.get(s.row.id) ?? 0,
      ),
    );
    return { items, counts, total: selected.length, totalCapped: false };
  }

  const normalise = (items: QueueItem[]) =>
    items.map((item) => ({
      ...item,
      assignees: [...item.assignees].sort((a, b) => a.personId.localeCompare(b.personId)),
    }));

  async function expectSameQueue(name: string, params: QueueParams) {
    const actor = readers[name] as TestActor;
    const query = new URLSearchParams(
      Object.entries(params).map(([key, value]) => [key, String(value)]) as [string, string][],
    );
    const response = await call(t, actor, 'GET', `/api/cases/queue?${query}`);
    const expected = await reference(actor, params);
    if (!expected) {
      expect(response.statusCode, `${name} ${query}`).toBe(403);
      return;
    }
    expect(response.statusCode, `${name} ${query}: ${response.body.slice(0, 200)}`).toBe(200);
    const body = response.json();
    expect({ ...body, items: normalise(body.items) }, `${name} ${query}`).toEqual({
      ...expected,
      items: normalise(expected.items),
    });
  }

  it('has a world with something in every view', async () => {
    const all = await t.app.db.select({ status: cases.status, type: cases.type }).from(cases);
    expect(all.length).toBeGreaterThanOrEqual(14);
    const coordinator = (
      await call(t, readers.coordinator as TestActor, 'GET', '/api/cases/queue?type=support')
    ).json();
    expect(coordinator.counts.unassigned).toBeGreaterThan(3);
    expect(coordinator.counts.late).toBeGreaterThan(0);
    expect(coordinator.counts.dueSoon).toBeGreaterThan(0);
    const peer = (await call(t, readers.peer as TestActor, 'GET', '/api/cases/queue?type=support&view=shared')).json();
    expect(peer.items).toHaveLength(1);
  });

  const orders: Pick<QueueParams, 'sort' | 'order' | 'limit' | 'offset'>[] = [
    { sort: 'due', order: 'asc', limit: 50, offset: 0 },
    { sort: 'created', order: 'desc', limit: 50, offset: 0 },
    { sort: 'updated', order: 'asc', limit: 50, offset: 0 },
    { sort: 'due', order: 'desc', limit: 2, offset: 1 },
  ];
  for (const type of ['support', 'sipa', 'woningscan']) {
    it(`answers every reader, view, sort and order of ${type} as the JavaScript queue did`, async () => {
      for (const name of Object.keys(readers)) {
        for (const view of QUEUE_VIEWS) {
          for (const order of orders) await expectSameQueue(name, { type, view, ...order });
        }
      }
    }, 180_000);
  }

  it('counts the closed list only as far as paging reaches, and says so', async () => {
    const actor = readers.coordinator as TestActor;
    const definition = t.app.cases.registry.get('support');
    const profile = await staffProfile(t.app.db, { personId: actor.personId, roles: actor.roles });
    const reader = { profile, isCoordinator: true, isStaff: true };
    const closedList = { view: 'closed', sort: 'due', order: 'asc', limit: 50, offset: 0 } as const;
    const whole = await countQueue(t.app.db, definition, reader, NOW, closedList);
    expect(whole.total).toBeGreaterThanOrEqual(1);
    expect(whole.totalCapped).toBe(false);
    const capped = await countQueue(t.app.db, definition, reader, NOW, closedList, whole.total - 1);
    expect(capped).toEqual({ counts: whole.counts, total: whole.total - 1, totalCapped: true });
    expect(await countQueue(t.app.db, definition, reader, NOW, closedList, whole.total + 1)).toEqual(whole);
  });

  it('filters by urgency and status the same way', async () => {
    for (const name of ['coordinator', 'confidantNgb', 'sipaAdvisor', 'ccvAdvisor']) {
      for (const type of ['support', 'sipa', 'woningscan']) {
        for (const filter of [
          { urgency: 'urgent' },
          { urgency: 'normal' },
          { status: 'submitted' },
          { status: 'closed' },
        ]) {
          for (const view of ['unassigned', 'late', 'closed'] as const) {
            await expectSameQueue(name, { type, view, sort: 'due', order: 'asc', limit: 50, offset: 0, ...filter });
          }
        }
      }
    }
  }, 120_000);
});
