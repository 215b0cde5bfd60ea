import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { CASE_READING_ROLES, ROLES } from '../../../shared/roles.ts';
import { auditLog } from '../audit/db.ts';
import { notifications } from '../notifications/db.ts';
import { sessions } from '../sessions/db.ts';
import { personRoles, roleGrants } from './db.ts';
import { findPersonById } from './repository.ts';

/**
 * Separation of duties (issue #11): roles that read cases are granted by two admins, each after a fresh
 * sign-in; nobody changes their own roles; admin never goes with such a role, not even in the database.
 */
describe('role requests: four eyes on the roles that read cases', () => {
  let t: TestApp;
  let anna: TestActor;
  let bram: TestActor;
  let carla: TestActor;

  const send = (actor: TestActor | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object | string) =>
    t.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload !== undefined ? { payload } : {}) });
  const kindsFor = async (personId: string) =>
    (await t.app.db.select().from(notifications).where(eq(notifications.personId, personId))).map((row) => row.kind);
  /** Makes a session's last full sign-in older than the step-up window. */
  const makeStale = (actor: TestActor) =>
    t.app.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(sessions.id, actor.sessionId));
  const makeFresh = (actor: TestActor) =>
    t.app.db.update(sessions).set({ authenticatedAt: new Date() }).where(eq(sessions.id, actor.sessionId));

  beforeAll(async () => {
    t = await createTestApp();
    anna = await createActor(t, ['admin'], { displayName: 'Anna Beheer' });
    bram = await createActor(t, ['admin'], { displayName: 'Bram Beheer' });
    carla = await createActor(t, ['admin'], { displayName: 'Carla Beheer' });
  });
  afterAll(() => t.close());

  it('asks, after a fresh sign-in only; a second admin approves; the person and the other admins hear of it', async () => {
    const person = await createActor(t, ['officeholder'], { displayName: 'Piet Peer' });
    const mailsBefore = t.sentMail.length;

    await makeStale(anna);
    const stale = await send(anna, 'PUT', `/api/admin/people/${person.personId}/roles`, {
      roles: ['officeholder', 'peer'],
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('step_up_required');
    expect(await t.app.db.select().from(roleGrants).where(eq(roleGrants.personId, person.personId))).toEqual([]);

    await makeFresh(anna);
    const asked = await send(anna, 'PUT', `/api/admin/people/${person.personId}/roles`, {
      roles: ['officeholder', 'peer'],
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const grant = asked.json().person.pendingRoleGrant;
    expect(grant).toMatchObject({
      roles: ['peer'],
      requestedBy: { id: anna.personId, displayName: 'Anna Beheer' },
      decision: null,
      mayApprove: false,
    });
    // Not granted yet: the person's roles and sessions are as before.
    expect((await findPersonById(t.app.db, person.personId))?.roles).toEqual(['officeholder']);
    expect((await send(person, 'GET', '/api/cases/queue?type=support&view=shared')).statusCode).toBe(403);
    // Every other admin is told (in the app, and a notice mail without content); the asker and the person not yet.
    expect(await kindsFor(bram.personId)).toContain('role_grant_requested');
    expect(await kindsFor(carla.personId)).toContain('role_grant_requested');
    expect(await kindsFor(anna.personId)).not.toContain('role_grant_requested');
    expect(await kindsFor(person.personId)).toEqual([]);
    const notices = t.sentMail.slice(mailsBefore);
    expect(notices.map((mail) => mail.to).sort()).toEqual([bram.email, carla.email].sort());
    for (const mail of notices) {
      for (const detail of ['Piet', 'peer', 'Anna', 'rol', 'role'])
        expect(mail.text + mail.subject).not.toContain(detail);
    }

    // The list shows it, and who may approve.
    const asBram = (await send(bram, 'GET', '/api/admin/role-grants')).json();
    expect(asBram.grants.find((row: { id: string }) => row.id === grant.id)).toMatchObject({ mayApprove: true });
    const asAnna = (await send(anna, 'GET', '/api/admin/role-grants')).json();
    expect(asAnna.grants.find((row: { id: string }) => row.id === grant.id)).toMatchObject({ mayApprove: false });

    // Four eyes: the asker cannot approve; a second admin must, after a fresh sign-in too.
    const self = await send(anna, 'POST', `/api/admin/role-grants/${grant.id}/approve`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('four_eyes');
    await makeStale(bram);
    expect((await send(bram, 'POST', `/api/admin/role-grants/${grant.id}/approve`)).json().code).toBe(
      'step_up_required',
    );
    await makeFresh(bram);
    const approved = await send(bram, 'POST', `/api/admin/role-grants/${grant.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().grant).toMatchObject({
      decision: 'approved',
      decidedBy: { id: bram.personId },
      mayApprove: false,
    });
    expect((await findPersonById(t.app.db, person.personId))?.roles).toEqual(['officeholder', 'peer']);
    // The role applies on the very next request.
    expect((await send(person, 'GET', '/api/cases/queue?type=support&view=shared')).statusCode).toBe(200);
    expect(await kindsFor(person.personId)).toEqual(['role_granted']);
    expect(await kindsFor(anna.personId)).toContain('role_grant_approved');
    expect(await kindsFor(carla.personId)).toContain('role_grant_approved');
    expect(await kindsFor(bram.personId)).not.toContain('role_grant_approved');
    // Once decided it is no longer waiting: the same 404 as an unknown one.
    expect((await send(carla, 'POST', `/api/admin/role-grants/${grant.id}/approve`)).statusCode).toBe(404);
    expect((await send(carla, 'POST', `/api/admin/role-grants/${grant.id}/reject`)).statusCode).toBe(404);

    const trail = await t.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectPersonId, person.personId))
      .orderBy(auditLog.seq);
    expect(
      trail.filter((row) => row.action.startsWith('person.')).map((row) => [row.action, row.actorPersonId]),
    ).toEqual([
      ['person.role_grant_requested', anna.personId],
      ['person.role_grant_approved', bram.personId],
    ]);
    // The person reads it in words in their access log.
    const log = (await send(person, 'GET', '/api/me/access-log')).json();
    expect(JSON.stringify(log)).toContain('keurde goed dat u een rol krijgt waarmee u hulpvragen kunt lezen');
  });

  it('gives the roles that read no cases at once, and removes roles at once', async () => {
    const person = await createActor(t, ['confidant'], { association: 'ngb' });
    const response = await send(carla, 'PUT', `/api/admin/people/${person.personId}/roles`, {
      roles: ['training_coordinator'],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().person).toMatchObject({ roles: ['training_coordinator'], pendingRoleGrant: null });
    expect((await send(person, 'GET', '/api/cases/queue?type=support&view=shared')).statusCode).toBe(403);
  });

  it('invites a confidant: the activation link waits for the approval, with the association', async () => {
    const before = t.sentMail.length;
    const invited = await send(anna, 'POST', '/api/admin/people', {
      email: 'nieuwe.vp@example.org',
      roles: ['confidant'],
      association: 'nvvr',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const person = invited.json().person;
    expect(person).toMatchObject({ roles: [], invitation: null, pendingRoleGrant: { roles: ['confidant'] } });
    expect(t.sentMail.slice(before).some((mail) => mail.to === 'nieuwe.vp@example.org')).toBe(false);

    const approved = await send(carla, 'POST', `/api/admin/role-grants/${person.pendingRoleGrant.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const mail = t.sentMail.slice(before).find((sent) => sent.to === 'nieuwe.vp@example.org');
    expect(mail?.text).toContain('/activeren#token=');
    expect(await findPersonById(t.app.db, person.id)).toMatchObject({
      roles: ['confidant'],
      association: 'nvvr',
      status: 'invited',
    });
  });

  it('turns a request down, or lets the asker withdraw it; nothing is granted; one request at a time', async () => {
    const person = await createActor(t, ['officeholder']);
    const ask = () =>
      send(anna, 'PUT', `/api/admin/people/${person.personId}/roles`, {
        roles: ['officeholder', 'expert'],
        expertField: 'legal',
      });
    const first = (await ask()).json().person.pendingRoleGrant;
    const twice = await send(bram, 'PUT', `/api/admin/people/${person.personId}/roles`, {
      roles: ['officeholder', 'peer'],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('role_grant_pending');

    const rejected = await send(bram, 'POST', `/api/admin/role-grants/${first.id}/reject`);
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().grant).toMatchObject({ decision: 'rejected', decidedBy: { id: bram.personId } });
    expect(await kindsFor(anna.personId)).toContain('role_grant_rejected');

    const second = (await ask()).json().person.pendingRoleGrant;
    const withdrawn = await send(anna, 'POST', `/api/admin/role-grants/${second.id}/reject`);
    expect(withdrawn.json().grant).toMatchObject({ decision: 'withdrawn' });
    expect((await findPersonById(t.app.db, person.personId))?.roles).toEqual(['officeholder']);

    const decided = (await send(anna, 'GET', '/api/admin/role-grants?state=decided&pageSize=100')).json();
    expect(decided.grants.map((row: { id: string }) => row.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it('refuses the approval when the person has become an admin meanwhile, and a lapsed request', async () => {
    const person = await createActor(t, ['training_coordinator']);
    const grant = (
      await send(anna, 'PUT', `/api/admin/people/${person.personId}/roles`, {
        roles: ['training_coordinator', 'sipa_advisor'],
      })
    ).json().person.pendingRoleGrant;
    expect(
      (
        await send(bram, 'PUT', `/api/admin/people/${person.personId}/roles`, {
          roles: ['training_coordinator', 'admin'],
        })
      ).statusCode,
    ).toBe(200);
    const refused = await send(carla, 'POST', `/api/admin/role-grants/${grant.id}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('roles_conflict');
    expect((await findPersonById(t.app.db, person.personId))?.roles).toEqual(['admin', 'training_coordinator']);

    const other = await createActor(t, ['officeholder']);
    const lapsing = (
      await send(anna, 'PUT', `/api/admin/people/${other.personId}/roles`, { roles: ['officeholder', 'peer'] })
    ).json().person.pendingRoleGrant;
    await t.app.db
      .update(roleGrants)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(roleGrants.id, lapsing.id));
    expect((await send(bram, 'POST', `/api/admin/role-grants/${lapsing.id}/approve`)).statusCode).toBe(404);
    // A lapsed request does not block a new one.
    expect(
      (await send(anna, 'PUT', `/api/admin/people/${other.personId}/roles`, { roles: ['officeholder', 'peer'] }))
        .statusCode,
    ).toBe(202);
  });

  it('answers the ladder on the role-request routes: 401, 400, 404, and hostile input changes nothing', async () => {
    expect((await send(null, 'GET', '/api/admin/role-grants')).statusCode).toBe(401);
    expect((await send(null, 'POST', `/api/admin/role-grants/${randomUUID()}/approve`)).statusCode).toBe(401);
    expect((await send(anna, 'GET', '/api/admin/role-grants?state=everything')).statusCode).toBe(400);
    expect((await send(anna, 'POST', '/api/admin/role-grants/not-a-uuid/approve')).statusCode).toBe(400);
    expect(
      (await send(anna, 'POST', `/api/admin/role-grants/${randomUUID()}/approve`, { force: true })).statusCode,
    ).toBe(400);
    expect((await send(anna, 'POST', `/api/admin/role-grants/${randomUUID()}/approve`)).statusCode).toBe(404);
    expect((await send(anna, 'POST', `/api/admin/role-grants/${randomUUID()}/reject`)).statusCode).toBe(404);
    expect((await send(anna, 'GET', '/api/admin/role-grants')).statusCode).toBe(200);
    const person = await createActor(t, ['officeholder']);
    const grant = (
      await send(anna, 'PUT', `/api/admin/people/${person.personId}/roles`, { roles: ['officeholder', 'peer'] })
    ).json().person.pendingRoleGrant;
    const hostile = await send(bram, 'POST', `/api/admin/role-grants/${grant.id}/approve`, {
      roles: ['admin', 'peer'],
    });
    expect(hostile.statusCode).toBe(400);
    expect((await findPersonById(t.app.db, person.personId))?.roles).toEqual(['officeholder']);
    const officeholder = await createActor(t, ['officeholder']);
    expect((await send(officeholder, 'POST', `/api/admin/role-grants/${grant.id}/approve`)).statusCode).toBe(403);
  });
});

describe('the database itself refuses admin with a role that reads cases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('for exactly the roles of CASE_READING_ROLES, whichever is written first', async () => {
    for (const role of ROLES.filter((candidate) => candidate !== 'admin')) {
      const adminFirst = await createActor(t, ['admin']);
      const readerFirst = await createActor(t, [role]);
      const attempts = [
        t.app.db.insert(personRoles).values({ personId: adminFirst.personId, role }),
        t.app.db.insert(personRoles).values({ personId: readerFirst.personId, role: 'admin' }),
      ];
      for (const attempt of attempts) {
        const outcome = await attempt.then(
          () => 'stored',
          (error: unknown) => String((error as { cause?: unknown }).cause ?? error),
        );
        if ((CASE_READING_ROLES as readonly string[]).includes(role)) {
          expect(outcome, role).toMatch(/separation of duties/);
        } else {
          expect(outcome, role).toBe('stored');
        }
      }
    }
  });

  it('and an account that holds both anyway (old data) acts as admin only', async () => {
    const both = await createActor(t, ['admin']);
    await t.app.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE person_roles DISABLE TRIGGER person_roles_separation_of_duties`);
      await tx.insert(personRoles).values({ personId: both.personId, role: 'ot_coordinator' });
      await tx.execute(sql`ALTER TABLE person_roles ENABLE TRIGGER person_roles_separation_of_duties`);
    });
    const held = await t.app.db
      .select()
      .from(personRoles)
      .where(and(eq(personRoles.personId, both.personId)));
    expect(held.map((row) => row.role).sort()).toEqual(['admin', 'ot_coordinator']);
    const session = (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: both.headers })).json();
    expect(session.person.roles).toEqual(['admin']);
    const queue = await t.app.inject({ method: 'GET', url: '/api/cases/queue', headers: both.headers });
    expect(queue.statusCode).toBe(403);
  });
});
