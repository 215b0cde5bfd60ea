import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { systemContext } from '../../lib/context.ts';
import { auditLog } from '../audit/db.ts';
import { sessionCookieName } from '../sessions/cookie.ts';
import { csrfTokenFor } from '../sessions/plugin.ts';
import { createSession } from '../sessions/service.ts';
import { consumeInvitation, findUsableInvitation } from './invitations.ts';
import { findPersonById } from './repository.ts';

const TOKEN = /\/activeren#token=([A-Za-z0-9_-]+)/;

describe('an officeholder’s relatives', () => {
  let t: TestApp;
  let alice: TestActor;
  let bob: TestActor;

  const call = (actor: TestActor | null, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });

  /** Invites a relative as `actor` and returns their id and the token from the mail. */
  async function inviteRelative(actor: TestActor, email: string) {
    const before = t.sentMail.length;
    const response = await call(actor, 'POST', '/api/me/relatives', { email, relationship: 'partner' });
    expect(response.statusCode, response.body).toBe(201);
    const token = TOKEN.exec(t.sentMail[before]?.text ?? '')?.[1] ?? '';
    return { id: response.json().relative.id as string, token, response };
  }

  /** Activates an invited relative the way the activation flow does, and gives them a session. */
  async function activate(token: string, displayName: string): Promise<TestActor> {
    const invitation = await findUsableInvitation(t.app.db, token);
    if (!invitation) throw new Error('invitation not usable');
    return t.app.unitOfWork.run(systemContext(), async (w) => {
      await consumeInvitation(w, invitation, { displayName });
      const session = await createSession(
        w.tx,
        systemContext(),
        { personId: invitation.person.id, method: 'passkey' },
        t.config,
      );
      return {
        personId: invitation.person.id,
        email: invitation.person.email,
        roles: invitation.person.roles,
        sessionId: session.sessionId,
        headers: {
          cookie: `${sessionCookieName(t.config)}=${session.token}`,
          'x-csrf-token': csrfTokenFor(t.app, session.token),
        },
      };
    });
  }

  const auditOf = async (subject: string) =>
    (await t.app.db.select().from(auditLog).where(eq(auditLog.subjectPersonId, subject)).orderBy(auditLog.seq)).map(
      (row) => row.action,
    );

  beforeAll(async () => {
    t = await createTestApp();
    alice = await createActor(t, ['officeholder'], { displayName: 'Alice Wethouder', office: 'wethouder' });
    bob = await createActor(t, ['officeholder'], { displayName: 'Bob Raadslid', office: 'raadslid' });
  });
  afterAll(() => t.close());

  it('invites a relative: linked to me, role relative, a mail with the link and nothing about me', async () => {
    // The mail says only that someone who uses Weerbaar invited them: a mailbox is no safe place for who
    // is family of whom. Who it was shows on the activation page, to the holder of a usable link (below).
    const { id, token, response } = await inviteRelative(alice, 'Partner.Alice@example.org');
    expect(response.json().relative).toMatchObject({
      email: 'partner.alice@example.org',
      displayName: null,
      status: 'invited',
      relationship: 'partner',
      invitation: { state: 'pending' },
    });
    const person = await findPersonById(t.app.db, id);
    expect(person).toMatchObject({
      roles: ['relative'],
      linkedOfficeholderId: alice.personId,
      relationship: 'partner',
    });
    const mail = t.sentMail.at(-1);
    expect(mail?.text).toContain('Iemand die Weerbaar gebruikt, heeft u uitgenodigd als partner of familielid.');
    expect(mail?.text).toContain('Someone who uses Weerbaar has invited you as their partner or family member.');
    expect(mail?.text).toContain('Wie u heeft uitgenodigd, ziet u zodra u de link opent.');
    expect(`${mail?.subject} ${mail?.text}`).not.toContain('Alice');
    expect(`${mail?.subject} ${mail?.text}`).not.toMatch(/wethouder/i);
    expect((await findUsableInvitation(t.app.db, token))?.person.id).toBe(id);
    expect(await auditOf(id)).toEqual(['relative.invited', 'invitation.issued']);

    const list = (await call(alice, 'GET', '/api/me/relatives')).json();
    expect(list.relatives.map((relative: { id: string }) => relative.id)).toEqual([id]);
  });

  it('shows my relatives only; another officeholder’s relative is not found, and stays untouched', async () => {
    const { id, token } = await inviteRelative(alice, 'kind.alice@example.org');
    const bobs = (await call(bob, 'GET', '/api/me/relatives')).json();
    expect(bobs.relatives).toEqual([]);

    for (const [method, url] of [
      ['POST', `/api/me/relatives/${id}/revoke-invitation`],
      ['POST', `/api/me/relatives/${id}/resend-invitation`],
      ['DELETE', `/api/me/relatives/${id}`],
    ] as const) {
      const response = await call(bob, method, url);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    // Exactly the answer a record that does not exist gives.
    const missing = await call(bob, 'DELETE', `/api/me/relatives/${crypto.randomUUID()}`);
    expect(missing.json().detail).toBe((await call(bob, 'DELETE', `/api/me/relatives/${id}`)).json().detail);
    // An officeholder is not "owner" of another officeholder either.
    expect((await call(bob, 'DELETE', `/api/me/relatives/${alice.personId}`)).statusCode).toBe(404);
    expect((await call(bob, 'DELETE', `/api/me/relatives/${bob.personId}`)).statusCode).toBe(404);

    expect((await findUsableInvitation(t.app.db, token))?.person.id).toBe(id);
    expect((await findPersonById(t.app.db, id))?.status).toBe('invited');
  });

  it('keeps relatives and everyone but officeholders out of the relatives routes', async () => {
    const { token } = await inviteRelative(alice, 'ouder.alice@example.org');
    const relative = await activate(token, 'Ouder van Alice');
    expect((await call(relative, 'GET', '/api/me/relatives')).statusCode).toBe(403);
    expect(
      (await call(relative, 'POST', '/api/me/relatives', { email: 'x@example.org', relationship: 'child' })).statusCode,
    ).toBe(403);
    const admin = await createActor(t, ['admin']);
    expect((await call(admin, 'GET', '/api/me/relatives')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/me/relatives')).statusCode).toBe(401);
    // Once active, the officeholder sees their name.
    const mine = (await call(alice, 'GET', '/api/me/relatives')).json();
    expect(mine.relatives.find((r: { id: string }) => r.id === relative.personId)).toMatchObject({
      displayName: 'Ouder van Alice',
      status: 'active',
      invitation: { state: 'used' },
    });
  });

  it('resends (the old link stops working) and revokes an invitation', async () => {
    const { id, token: first } = await inviteRelative(alice, 'broer.alice@example.org');
    const before = t.sentMail.length;
    const resent = await call(alice, 'POST', `/api/me/relatives/${id}/resend-invitation`);
    expect(resent.statusCode).toBe(200);
    const second = TOKEN.exec(t.sentMail[before]?.text ?? '')?.[1] ?? '';
    expect(await findUsableInvitation(t.app.db, first)).toBeNull();
    expect((await findUsableInvitation(t.app.db, second))?.person.id).toBe(id);

    expect((await call(alice, 'POST', `/api/me/relatives/${id}/revoke-invitation`)).statusCode).toBe(204);
    expect(await findUsableInvitation(t.app.db, second)).toBeNull();
    expect((await call(alice, 'POST', `/api/me/relatives/${id}/revoke-invitation`)).statusCode).toBe(404);
    const listed = (await call(alice, 'GET', '/api/me/relatives')).json();
    expect(listed.relatives.find((r: { id: string }) => r.id === id).invitation.state).toBe('revoked');
    expect(await auditOf(id)).toEqual([
      'relative.invited',
      'invitation.issued',
      'invitation.issued',
      'invitation.revoked',
    ]);
  });

  it('names who invited them on the activation page, to the holder of a usable link only', async () => {
    // An officeholder of their own: Alice's invitations for today are spent by the tests around this one.
    const erik = await createActor(t, ['officeholder'], { displayName: 'Erik Burgemeester', office: 'burgemeester' });
    const { id, token: first } = await inviteRelative(erik, 'partner.erik@example.org');
    const inspect = (token: string) => call(null, 'POST', '/api/activation/inspect', { token });
    const shown = await inspect(first);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      roles: ['relative'],
      invitedBy: { displayName: 'Erik Burgemeester', office: 'burgemeester' },
    });

    // The resent mail leaves the inviter out as well; the old link now tells nothing at all.
    const before = t.sentMail.length;
    expect((await call(erik, 'POST', `/api/me/relatives/${id}/resend-invitation`)).statusCode).toBe(200);
    const resent = t.sentMail[before];
    expect(resent?.text).toContain('Iemand die Weerbaar gebruikt');
    expect(resent?.text).not.toContain('Erik');
    const stale = await inspect(first);
    expect(stale.statusCode).toBe(404);
    expect(stale.body).not.toContain('Erik');
    const second = TOKEN.exec(resent?.text ?? '')?.[1] ?? '';
    expect((await inspect(second)).json().invitedBy).toEqual({
      displayName: 'Erik Burgemeester',
      office: 'burgemeester',
    });

    // Used: the page no longer answers with anything.
    await activate(second, 'Partner van Erik');
    expect((await inspect(second)).statusCode).toBe(404);
  });

  it('cannot resend once the relative is active', async () => {
    const { id, token } = await inviteRelative(alice, 'zus.alice@example.org');
    await activate(token, 'Zus');
    const response = await call(alice, 'POST', `/api/me/relatives/${id}/resend-invitation`);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('not_invited');
  });

  it('removes a relative: their account is deactivated and their sessions end at once', async () => {
    const { id, token } = await inviteRelative(alice, 'ex.alice@example.org');
    const relative = await activate(token, 'Ex');
    expect((await call(relative, 'GET', '/api/me/sessions')).statusCode).toBe(200);

    expect((await call(alice, 'DELETE', `/api/me/relatives/${id}`)).statusCode).toBe(204);
    expect((await call(relative, 'GET', '/api/me/sessions')).statusCode).toBe(401);
    const person = await findPersonById(t.app.db, id);
    expect(person).toMatchObject({ status: 'deactivated', roles: [], linkedOfficeholderId: null });
    const listed = (await call(alice, 'GET', '/api/me/relatives')).json();
    expect(listed.relatives.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(await auditOf(id)).toEqual(
      expect.arrayContaining(['relative.removed', 'person.deactivated', 'session.ended_all']),
    );
    // Gone for Alice: a second delete is a 404.
    expect((await call(alice, 'DELETE', `/api/me/relatives/${id}`)).statusCode).toBe(404);
  });

  it('removing an invited relative revokes the link', async () => {
    const { id, token } = await inviteRelative(alice, 'neef.alice@example.org');
    expect((await call(alice, 'DELETE', `/api/me/relatives/${id}`)).statusCode).toBe(204);
    expect(await findUsableInvitation(t.app.db, token)).toBeNull();
    expect((await findPersonById(t.app.db, id))?.status).toBe('deactivated');
  });

  it('keeps the account of a relative who holds another role, without the relative role', async () => {
    const { id, token } = await inviteRelative(alice, 'collega.alice@example.org');
    const relative = await activate(token, 'Collega');
    const admin = await createActor(t, ['admin']);
    // An admin may keep the relative role on a linked person while adding another.
    const roles = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/people/${id}/roles`,
      headers: admin.headers,
      payload: { roles: ['relative', 'training_coordinator'] },
    });
    expect(roles.statusCode, roles.body).toBe(200);

    expect((await call(alice, 'DELETE', `/api/me/relatives/${id}`)).statusCode).toBe(204);
    const person = await findPersonById(t.app.db, id);
    expect(person).toMatchObject({ status: 'active', roles: ['training_coordinator'], linkedOfficeholderId: null });
    expect((await call(relative, 'GET', '/api/me/sessions')).statusCode).toBe(200);
  });

  it('an admin taking the relative role away also ends the link: the officeholder no longer sees them', async () => {
    const { id } = await inviteRelative(alice, 'oom.alice@example.org');
    const admin = await createActor(t, ['admin']);
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/people/${id}/roles`,
      headers: admin.headers,
      payload: { roles: ['training_coordinator'] },
    });
    expect(changed.statusCode).toBe(200);
    expect((await findPersonById(t.app.db, id))?.linkedOfficeholderId).toBeNull();
    const listed = (await call(alice, 'GET', '/api/me/relatives')).json();
    expect(listed.relatives.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await call(alice, 'DELETE', `/api/me/relatives/${id}`)).statusCode).toBe(404);
    // And it cannot be given back without the link.
    const back = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/people/${id}/roles`,
      headers: admin.headers,
      payload: { roles: ['training_coordinator', 'relative'] },
    });
    expect(back.json().code).toBe('relative_needs_link');
  });

  it('answers an address that already has an account exactly like a new one, and tells only its holder', async () => {
    const stable = (response: { statusCode: number; json: () => { relative: Record<string, unknown> } }) => {
      const { relative } = response.json();
      const invitation = relative.invitation as Record<string, unknown>;
      return {
        status: response.statusCode,
        keys: Object.keys(relative).sort(),
        relative: { ...relative, id: typeof relative.id, email: typeof relative.email, invitation: undefined },
        invitation: {
          kind: invitation.kind,
          state: invitation.state,
          delivery: invitation.delivery,
          keys: Object.keys(invitation).sort(),
        },
      };
    };
    const erin = await createActor(t, ['officeholder']);
    const mailBefore = t.sentMail.length;
    const fresh = await call(erin, 'POST', '/api/me/relatives', {
      email: 'nieuw.familielid@example.org',
      relationship: 'child',
    });
    const taken = await call(erin, 'POST', '/api/me/relatives', {
      email: bob.email.toUpperCase(),
      relationship: 'child',
    });
    expect(taken.statusCode, taken.body).toBe(201);
    expect(stable(taken)).toEqual(stable(fresh));
    expect(taken.json().relative.email).toBe(bob.email);
    expect(taken.json().relative.relationship).toBe('child');

    // The list shows both as pending invitations; nothing of bob's account changed.
    const listed = (await call(erin, 'GET', '/api/me/relatives')).json().relatives as Record<string, unknown>[];
    const entry = listed.find((relative) => relative.id === taken.json().relative.id);
    expect(entry).toMatchObject({
      status: 'invited',
      displayName: null,
      relationship: 'child',
      invitation: { state: 'pending' },
    });
    expect(await findPersonById(t.app.db, bob.personId)).toMatchObject({ linkedOfficeholderId: null });
    expect((await findPersonById(t.app.db, bob.personId))?.roles).not.toContain('relative');
    // bob gets a notice without a link; alice's new relative gets the invitation.
    const mails = t.sentMail.slice(mailBefore);
    const toBob = mails.filter((mail) => mail.to === bob.email);
    expect(toBob).toHaveLength(1);
    expect(toBob[0]?.text).toContain('Er bestaat al een');
    expect(toBob[0]?.text).not.toMatch(/activeren|token/);
    expect(mails.filter((mail) => mail.to === 'nieuw.familielid@example.org')).toHaveLength(1);
    expect(await auditOf(bob.personId)).toContain('relative.invited_existing_account');

    // Resend, revoke and remove behave as for any invitation.
    const id = taken.json().relative.id as string;
    expect((await call(erin, 'POST', `/api/me/relatives/${id}/resend-invitation`)).statusCode).toBe(200);
    expect((await call(bob, 'POST', `/api/me/relatives/${id}/revoke-invitation`)).statusCode).toBe(404);
    expect((await call(erin, 'POST', `/api/me/relatives/${id}/revoke-invitation`)).statusCode).toBe(204);
    expect((await call(erin, 'POST', `/api/me/relatives/${id}/revoke-invitation`)).statusCode).toBe(404);
    expect((await call(erin, 'DELETE', `/api/me/relatives/${id}`)).statusCode).toBe(204);
    const after = (await call(erin, 'GET', '/api/me/relatives')).json().relatives as { id: string }[];
    expect(after.map((relative) => relative.id)).not.toContain(id);
  });
});
