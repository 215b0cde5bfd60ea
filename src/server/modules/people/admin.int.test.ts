import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../../../../test/helpers/access-table.ts';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { activationTokenIn } from '../../../../test/helpers/handover-fixtures.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { ROLES, type Role } from '../../../shared/roles.ts';
import { auditLog } from '../audit/db.ts';
import { verifyAuditChain } from '../audit/service.ts';
import { sessions } from '../sessions/db.ts';
import { invitations, people } from './db.ts';
import { findUsableInvitation } from './invitations.ts';

describe('admin people management', () => {
  let t: TestApp;
  let admin: TestActor;

  const as = (actor: TestActor | null) => ({
    get: (url: string) => t.app.inject({ method: 'GET', url, headers: actor?.headers ?? {} }),
    post: (url: string, payload?: object | string) =>
      t.app.inject({ method: 'POST', url, headers: actor?.headers ?? {}, ...(payload && { payload }) }),
    put: (url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: actor?.headers ?? {}, payload }),
  });

  const peopleCount = async () => (await t.app.db.select({ id: people.id }).from(people)).length;
  const auditOf = async (subject: string) =>
    t.app.db.select().from(auditLog).where(eq(auditLog.subjectPersonId, subject)).orderBy(auditLog.seq);

  async function invite(body: Record<string, unknown>) {
    const response = await as(admin).post('/api/admin/people', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().person as { id: string; email: string; status: string };
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createActor(t, ['admin'], { displayName: 'Anna Beheer' });
  });
  afterAll(() => t.close());

  it('invites a person: a mail with the activation link and nothing else about them, audited', async () => {
    const before = t.sentMail.length;
    const person = await invite({
      email: '  Pieter.Bakker@Example.org ',
      displayName: 'Pieter Bakker',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Zwolle',
    });
    expect(person).toMatchObject({ email: 'pieter.bakker@example.org', status: 'invited' });
    expect(person).toMatchObject({ invitation: { state: 'pending', kind: 'invite' } });

    const mails = t.sentMail.slice(before);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.to).toBe('pieter.bakker@example.org');
    expect(mail?.text).toContain(`${t.config.PUBLIC_URL}/activeren#token=`);
    for (const detail of ['Pieter', 'Bakker', 'Zwolle', 'wethouder', 'officeholder', 'Anna']) {
      expect(mail?.text).not.toContain(detail);
      expect(mail?.subject).not.toContain(detail);
    }
    const usable = await findUsableInvitation(t.app.db, activationTokenIn(mail?.text ?? ''));
    expect(usable?.person.id).toBe(person.id);

    const trail = await auditOf(person.id);
    expect(trail.map((row) => row.action)).toEqual(['person.invited', 'invitation.issued']);
    expect(trail.every((row) => row.actorPersonId === admin.personId)).toBe(true);
    // The link is a credential: it is never in the trail, and the stored mail body is encrypted.
    expect(JSON.stringify(trail)).not.toContain(activationTokenIn(mail?.text ?? ''));
  });

  it('refuses a second account for the same address (409), whatever its case', async () => {
    await invite({ email: 'dubbel@example.org', roles: ['peer'] });
    const count = await peopleCount();
    const mails = t.sentMail.length;
    const response = await as(admin).post('/api/admin/people', { email: 'DUBBEL@example.org', roles: ['admin'] });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('email_taken');
    expect(await peopleCount()).toBe(count);
    expect(t.sentMail.length).toBe(mails);
  });

  it('checks role details: association for a confidant, a field for an expert, no relative', async () => {
    const count = await peopleCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'c1@example.org', roles: ['confidant'] }, 'body/association'],
      [{ email: 'c2@example.org', roles: ['expert'] }, 'body/expertField'],
      [{ email: 'c3@example.org', roles: ['relative'] }, 'body/roles/0'],
      [{ email: 'c4@example.org', roles: ['peer'], association: 'ngb' }, 'body/association'],
      [{ email: 'c5@example.org', roles: ['confidant'], association: 'vng' }, 'body/association'],
      [{ email: 'c6@example.org', roles: [] }, 'body/roles'],
      [{ email: 'c7@example.org', roles: ['peer', 'peer'] }, 'body/roles'],
      [{ email: 'c8@example.org', roles: ['superuser'] }, 'body/roles/0'],
      [{ email: 'geen-adres', roles: ['peer'] }, 'body/email'],
      [{ email: 'c9@example.org', roles: ['ccv_advisor'], office: 'wethouder' }, 'body/office'],
    ];
    for (const [body, field] of cases) {
      const response = await as(admin).post('/api/admin/people', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    await invite({ email: 'vp-ngb@example.org', roles: ['confidant'], association: 'ngb' });
    await invite({ email: 'expert@example.org', roles: ['expert'], expertField: 'security' });
    expect(await peopleCount()).toBe(count + 2);
  });

  it('refuses hostile input cleanly and changes nothing', async () => {
    const count = await peopleCount();
    const huge = 'x'.repeat(50_000);
    const bodies: (object | string)[] = [
      { email: 'h1@example.org', roles: ['peer'], isAdmin: true },
      { email: 'h2@example.org', roles: ['peer'], linkedOfficeholderId: admin.personId },
      { email: 'h3@example.org', roles: ['peer'], status: 'active' },
      { email: `${huge}@example.org`, roles: ['peer'] },
      { email: 'h4@example.org', roles: ['officeholder'], region: huge },
      { email: 'h5@example.org', roles: 'admin' },
      [{ email: 'h6@example.org', roles: ['admin'] }],
      'not json at all',
    ];
    for (const payload of bodies) {
      const response = await as(admin).post('/api/admin/people', payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
    expect((await as(admin).get('/api/admin/people/not-a-uuid')).statusCode).toBe(400);
    expect((await as(admin).get(`/api/admin/people/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await as(admin).get(`/api/admin/people?q=${'a'.repeat(201)}`)).statusCode).toBe(400);
    expect((await as(admin).get('/api/admin/people?role=god')).statusCode).toBe(400);
    expect((await as(admin).get('/api/admin/people?pageSize=100000')).statusCode).toBe(400);
    expect((await as(admin).post(`/api/admin/people/${crypto.randomUUID()}/deactivate`)).statusCode).toBe(404);
    expect(
      (await as(admin).put(`/api/admin/people/${crypto.randomUUID()}/roles`, { roles: ['peer'] })).statusCode,
    ).toBe(404);
    expect((await as(admin).post(`/api/admin/invitations/${crypto.randomUUID()}/revoke`)).statusCode).toBe(404);
    expect((await as(admin).post(`/api/admin/people/${admin.personId}/deactivate`, { force: true })).statusCode).toBe(
      400,
    );
    expect(await peopleCount()).toBe(count);
  });

  it('answers 401 to anonymous callers and 403 to every other role on every admin route', async () => {
    const adminRoutes = Object.entries(ACCESS_TABLE).filter(
      ([, access]) => typeof access === 'object' && access.roles.includes('admin'),
    );
    expect(adminRoutes.length).toBeGreaterThanOrEqual(11);
    const id = crypto.randomUUID();
    const others = ROLES.filter((role) => role !== 'admin');
    const actors = await Promise.all(others.map((role) => createActor(t, [role])));
    const count = await peopleCount();
    for (const [route] of adminRoutes) {
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT', string];
      const url = path.replace(':id', id);
      const payload = method === 'GET' ? undefined : { roles: ['admin'], email: 'x@example.org' };
      const anonymous = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(anonymous.statusCode, route).toBe(401);
      for (const actor of actors) {
        const response = await t.app.inject({ method, url, headers: actor.headers, ...(payload ? { payload } : {}) });
        expect(response.statusCode, `${route} as ${actor.roles.join()}`).toBe(403);
      }
    }
    // Holding many roles but not admin does not help either.
    const everythingButAdmin = await createActor(t, others as Role[]);
    expect((await as(everythingButAdmin).get('/api/admin/people')).statusCode).toBe(403);
    expect(await peopleCount()).toBe(count + 1);
  });

  it('shows account data only, and audits who looked', async () => {
    const officeholder = await createActor(t, ['officeholder'], {
      displayName: 'Fatima El Amrani',
      office: 'burgemeester',
      region: 'Tilburg',
    });
    const response = await as(admin).get(`/api/admin/people/${officeholder.personId}`);
    expect(response.statusCode).toBe(200);
    const { person } = response.json();
    expect(Object.keys(person).sort()).toEqual(
      [
        'activatedAt',
        'association',
        'createdAt',
        'deactivatedAt',
        'displayName',
        'email',
        'expertField',
        'id',
        'invitation',
        'office',
        'pendingRoleGrant',
        'region',
        'roles',
        'status',
      ].sort(),
    );
    expect(person).toMatchObject({ displayName: 'Fatima El Amrani', roles: ['officeholder'], status: 'active' });
    const [viewed] = (await auditOf(officeholder.personId)).filter((row) => row.action === 'person.viewed');
    expect(viewed?.actorPersonId).toBe(admin.personId);
    // The person sees it under "who accessed my data".
    const log = (await as(officeholder).get('/api/me/access-log')).json();
    expect(log.entries.map((entry: { action: string }) => entry.action)).toContain('person.viewed');
    // An admin holds no relation to anyone's records: their own relatives' list, for instance, is not theirs.
    expect((await as(admin).get('/api/me/relatives')).statusCode).toBe(403);
  });

  it('lists, searches and filters people, page by page', async () => {
    await invite({ email: 'zoek.jansen@example.org', displayName: 'Zoek Jansen', roles: ['training_coordinator'] });
    await invite({
      email: 'zoek.de.vries@example.org',
      displayName: 'Zoek de Vries',
      roles: ['training_coordinator'],
    });
    await invite({ email: 'honderd@example.org', displayName: '100% Zeker', roles: ['training_coordinator'] });

    const byName = (await as(admin).get('/api/admin/people?q=zoek')).json();
    expect(byName.total).toBe(2);
    const byEmail = (await as(admin).get('/api/admin/people?q=ZOEK.JANSEN')).json();
    expect(byEmail.people.map((p: { email: string }) => p.email)).toEqual(['zoek.jansen@example.org']);
    // % is taken literally, not as a wildcard.
    expect((await as(admin).get(`/api/admin/people?q=${encodeURIComponent('0% z')}`)).json().total).toBe(1);
    expect((await as(admin).get(`/api/admin/people?q=${encodeURIComponent('%')}`)).json().total).toBe(1);

    const byRole = (await as(admin).get('/api/admin/people?role=training_coordinator')).json();
    expect(byRole.people.every((p: { roles: string[] }) => p.roles.includes('training_coordinator'))).toBe(true);
    expect(byRole.total).toBeGreaterThanOrEqual(3);
    const invited = (await as(admin).get('/api/admin/people?status=invited&role=training_coordinator')).json();
    expect(invited.people.every((p: { status: string }) => p.status === 'invited')).toBe(true);

    const all = (await as(admin).get('/api/admin/people?pageSize=100')).json();
    const first = (await as(admin).get('/api/admin/people?pageSize=2&page=1')).json();
    const second = (await as(admin).get('/api/admin/people?pageSize=2&page=2')).json();
    expect(first.people).toHaveLength(2);
    expect(first.total).toBe(all.total);
    expect([...first.people, ...second.people].map((p: { id: string }) => p.id)).toEqual(
      all.people.slice(0, 4).map((p: { id: string }) => p.id),
    );
  });

  it('changes roles, with details, and audits it', async () => {
    const person = await createActor(t, ['training_coordinator']);
    const missing = await as(admin).put(`/api/admin/people/${person.personId}/roles`, {
      roles: ['training_coordinator', 'confidant'],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('body/association');

    // A role that reads cases waits for a second admin (role-grants.int.test.ts); the rest is at once.
    const response = await as(admin).put(`/api/admin/people/${person.personId}/roles`, {
      roles: ['officeholder', 'confidant'],
      association: 'wethoudersvereniging',
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().person).toMatchObject({
      roles: ['officeholder'],
      association: null,
      pendingRoleGrant: { roles: ['confidant'], association: 'wethoudersvereniging', mayApprove: false },
    });
    const back = await as(admin).put(`/api/admin/people/${person.personId}/roles`, { roles: ['training_coordinator'] });
    expect(back.statusCode).toBe(200);
    expect(back.json().person).toMatchObject({ roles: ['training_coordinator'] });
    const changes = (await auditOf(person.personId)).filter((row) => row.action === 'person.roles_changed');
    expect(changes.map((row) => row.details)).toEqual([
      { added: 'officeholder', removed: 'training_coordinator', association: null, expertField: null },
      { added: 'training_coordinator', removed: 'officeholder', association: null, expertField: null },
    ]);
    // Not linked to an officeholder: no relative role.
    const relative = await as(admin).put(`/api/admin/people/${person.personId}/roles`, { roles: ['relative'] });
    expect(relative.statusCode).toBe(400);
    expect(relative.json().code).toBe('relative_needs_link');
  });

  it('takes a removed role away on the very next request', async () => {
    const staff = await createActor(t, ['admin', 'training_coordinator']);
    expect((await as(staff).get('/api/admin/people')).statusCode).toBe(200);
    const demoted = await as(admin).put(`/api/admin/people/${staff.personId}/roles`, {
      roles: ['training_coordinator'],
    });
    expect(demoted.statusCode).toBe(200);
    expect((await as(staff).get('/api/admin/people')).statusCode).toBe(403);
  });

  it('never lets anyone change their own roles, nor the last active admin go', async () => {
    for (const roles of [['training_coordinator'], ['admin', 'training_coordinator'], ['admin']]) {
      const own = await as(admin).put(`/api/admin/people/${admin.personId}/roles`, { roles });
      expect(own.statusCode).toBe(409);
      expect(own.json().code).toBe('own_roles');
    }
    const self = await as(admin).post(`/api/admin/people/${admin.personId}/deactivate`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('cannot_deactivate_self');
  });

  it('deactivates: every session of the person ends on their next request; reactivation brings no session back', async () => {
    const target = await createActor(t, ['confidant'], { association: 'ngb' });
    const secondSession = await createActor(t, ['peer']);
    expect((await as(target).get('/api/me/sessions')).statusCode).toBe(200);

    const response = await as(admin).post(`/api/admin/people/${target.personId}/deactivate`);
    expect(response.statusCode).toBe(200);
    expect(response.json().person).toMatchObject({ status: 'deactivated' });
    expect(response.json().person.deactivatedAt).not.toBeNull();

    expect((await as(target).get('/api/me/sessions')).statusCode).toBe(401);
    expect((await as(target).get('/api/auth/session')).json().person).toBeNull();
    const rows = await t.app.db.select().from(sessions).where(eq(sessions.personId, target.personId));
    expect(rows.every((row) => row.endReason === 'deactivated')).toBe(true);
    // Somebody else is not affected.
    expect((await as(secondSession).get('/api/me/sessions')).statusCode).toBe(200);

    const again = await as(admin).post(`/api/admin/people/${target.personId}/deactivate`);
    expect(again.json().code).toBe('already_deactivated');

    const back = await as(admin).post(`/api/admin/people/${target.personId}/reactivate`);
    expect(back.statusCode).toBe(200);
    expect(back.json().person).toMatchObject({ status: 'active', deactivatedAt: null });
    expect((await as(target).get('/api/me/sessions')).statusCode).toBe(401);
    expect((await as(admin).post(`/api/admin/people/${target.personId}/reactivate`)).json().code).toBe(
      'not_deactivated',
    );

    const actions = (await auditOf(target.personId)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['person.deactivated', 'session.ended_all', 'person.reactivated']));
  });

  it('deactivating someone still invited revokes their link; reactivating makes them invited again', async () => {
    const before = t.sentMail.length;
    const person = await invite({ email: 'nog-niet@example.org', roles: ['officeholder'] });
    const token = activationTokenIn(t.sentMail[before]?.text ?? '');
    await as(admin).post(`/api/admin/people/${person.id}/deactivate`);
    expect(await findUsableInvitation(t.app.db, token)).toBeNull();
    const back = (await as(admin).post(`/api/admin/people/${person.id}/reactivate`)).json();
    expect(back.person).toMatchObject({ status: 'invited', invitation: { state: 'revoked' } });
    expect(await findUsableInvitation(t.app.db, token)).toBeNull();
  });

  it('resends an invitation: a new link works, the old one no longer does', async () => {
    const before = t.sentMail.length;
    const person = await invite({ email: 'opnieuw@example.org', roles: ['officeholder'] });
    const oldToken = activationTokenIn(t.sentMail[before]?.text ?? '');
    const response = await as(admin).post(`/api/admin/people/${person.id}/resend-invitation`);
    expect(response.statusCode).toBe(200);
    expect(response.json().invitation).toMatchObject({ state: 'pending' });
    const newToken = activationTokenIn(t.sentMail[before + 1]?.text ?? '');
    expect(newToken).not.toBe(oldToken);
    expect(await findUsableInvitation(t.app.db, oldToken)).toBeNull();
    expect((await findUsableInvitation(t.app.db, newToken))?.person.id).toBe(person.id);

    const active = await createActor(t, ['peer']);
    const refused = await as(admin).post(`/api/admin/people/${active.personId}/resend-invitation`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('not_invited');
  });

  it('lists pending invitations and revokes one', async () => {
    const before = t.sentMail.length;
    const person = await invite({ email: 'intrekken@example.org', roles: ['officeholder'] });
    const token = activationTokenIn(t.sentMail[before]?.text ?? '');
    const pending = (await as(admin).get('/api/admin/invitations?status=pending&pageSize=100')).json();
    const mine = pending.invitations.find((row: { person: { id: string } }) => row.person.id === person.id);
    expect(mine).toMatchObject({ state: 'pending', person: { email: 'intrekken@example.org' } });
    expect(pending.invitations.every((row: { state: string }) => row.state === 'pending')).toBe(true);
    // The default is pending too.
    expect((await as(admin).get('/api/admin/invitations?pageSize=100')).json().total).toBe(pending.total);

    expect((await as(admin).post(`/api/admin/invitations/${mine.id}/revoke`)).statusCode).toBe(204);
    expect(await findUsableInvitation(t.app.db, token)).toBeNull();
    expect((await as(admin).post(`/api/admin/invitations/${mine.id}/revoke`)).statusCode).toBe(404);
    const revoked = (await as(admin).get('/api/admin/invitations?status=revoked&pageSize=100')).json();
    expect(revoked.invitations.map((row: { id: string }) => row.id)).toContain(mine.id);

    const expiredRow = await invite({ email: 'verlopen@example.org', roles: ['officeholder'] });
    await t.app.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.personId, expiredRow.id));
    const expired = (await as(admin).get('/api/admin/invitations?status=expired')).json();
    expect(expired.invitations.map((row: { person: { id: string } }) => row.person.id)).toContain(expiredRow.id);
    const expiredPerson = (await as(admin).get(`/api/admin/people/${expiredRow.id}`)).json().person;
    expect(expiredPerson.invitation.state).toBe('expired');

    const actions = (await auditOf(person.id)).map((row) => row.action);
    expect(actions).toEqual(['person.invited', 'invitation.issued', 'invitation.revoked']);
  });

  it('audits every change with the person as subject, and the chain stays intact', async () => {
    const changes = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorPersonId, admin.personId)));
    for (const row of changes.filter(
      (entry) => entry.action.startsWith('person.') || entry.action.startsWith('invitation.'),
    )) {
      expect(row.subjectPersonId, row.action).not.toBeNull();
      expect(row.recordId, row.action).not.toBeNull();
    }
    expect((await verifyAuditChain(t.app.db)).firstBreak).toBeNull();
  });
});
