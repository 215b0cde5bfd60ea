import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../../../test/helpers/actors.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { BACKGROUND_REFRESH_HEADER } from '../../../shared/session.ts';
import { people, personRoles } from '../people/db.ts';
import { sessions } from './db.ts';

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('tells an anonymous visitor nobody is signed in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      person: null,
      csrfToken: null,
      environment: { demo: false, localMail: true },
    });
  });

  it('describes the signed-in person, with a CSRF token and no caching', async () => {
    const actor = await createActor(t, ['officeholder'], { office: 'wethouder', region: 'Utrecht' });
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: actor.headers });
    const body = response.json();
    expect(body.person).toMatchObject({ id: actor.personId, roles: ['officeholder'], office: 'wethouder' });
    expect(body.csrfToken).toBe(actor.headers['x-csrf-token']);
    expect(response.headers['cache-control']).toBe('no-store');
    // An officeholder's session lapses after 30 idle minutes.
    const idleMinutes = (new Date(body.idleExpiresAt).getTime() - Date.now()) / 60_000;
    expect(idleMinutes).toBeGreaterThan(29);
    expect(idleMinutes).toBeLessThanOrEqual(30);
  });

  it('gives staff a shorter idle timeout', async () => {
    const actor = await createActor(t, ['confidant', 'officeholder']);
    const body = (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: actor.headers })).json();
    expect((new Date(body.idleExpiresAt).getTime() - Date.now()) / 60_000).toBeLessThanOrEqual(15);
  });

  it('refuses a state-changing request without the CSRF token, or from another site', async () => {
    const actor = await createActor(t, ['officeholder']);
    const withoutToken = await t.app.inject({
      method: 'POST',
      url: '/api/me/sessions/end-all',
      headers: { cookie: actor.headers.cookie ?? '' },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().code).toBe('csrf_rejected');
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/me/sessions/end-all',
      headers: { ...actor.headers, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    const otherOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/me/sessions/end-all',
      headers: { ...actor.headers, origin: 'https://evil.example' },
    });
    expect(otherOrigin.statusCode).toBe(403);
    // Nothing was ended.
    expect((await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: actor.headers })).statusCode).toBe(
      200,
    );
  });

  it('signs out: the old cookie stops working and the browser is told to forget', async () => {
    const actor = await createActor(t, ['officeholder']);
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: actor.headers });
    expect(response.statusCode).toBe(204);
    expect(response.headers['clear-site-data']).toBe('"cache", "cookies"');
    expect(String(response.headers['set-cookie'])).toMatch(/weerbaar_session=;/);
    const after = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: actor.headers });
    expect(after.statusCode).toBe(401);
  });

  it('lists my sessions and ends one; another person’s session id is not found', async () => {
    const me = await createActor(t, ['officeholder']);
    const someoneElse = await createActor(t, ['officeholder']);
    const list = (await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: me.headers })).json();
    expect(list.sessions).toHaveLength(1);
    expect(list.sessions[0]).toMatchObject({ id: me.sessionId, current: true, method: 'passkey' });

    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${someoneElse.sessionId}`,
      headers: me.headers,
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: someoneElse.headers })).statusCode,
    ).toBe(200);

    const badId = await t.app.inject({ method: 'DELETE', url: '/api/me/sessions/1', headers: me.headers });
    expect(badId.statusCode).toBe(400);
  });

  it('signs out everywhere', async () => {
    const me = await createActor(t, ['relative']);
    const response = await t.app.inject({ method: 'POST', url: '/api/me/sessions/end-all', headers: me.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ended: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: me.headers })).statusCode).toBe(401);
  });

  it('ends a session that was idle too long', async () => {
    const me = await createActor(t, ['officeholder']);
    await t.app.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.id, me.sessionId));
    expect((await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: me.headers })).statusCode).toBe(401);
    const [row] = await t.app.db.select().from(sessions).where(eq(sessions.id, me.sessionId));
    expect(row?.endReason).toBe('idle');
  });

  it('answers a background refresh without counting it as activity, so an unattended screen still times out', async () => {
    const me = await createActor(t, ['confidant']);
    const idleSince = new Date(Date.now() - 10 * 60_000);
    await t.app.db.update(sessions).set({ lastSeenAt: idleSince }).where(eq(sessions.id, me.sessionId));
    const background = { ...me.headers, [BACKGROUND_REFRESH_HEADER]: '1' };
    const refreshed = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: background });
    expect(refreshed.statusCode).toBe(200);
    // Staff lapse after 15 idle minutes: 5 left, not a fresh 15.
    const left = (new Date(refreshed.json().idleExpiresAt).getTime() - Date.now()) / 60_000;
    expect(left).toBeGreaterThan(4);
    expect(left).toBeLessThanOrEqual(5);
    const [untouched] = await t.app.db.select().from(sessions).where(eq(sessions.id, me.sessionId));
    expect(untouched?.lastSeenAt).toEqual(idleSince);

    await t.app.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(sessions.id, me.sessionId));
    expect((await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: background })).statusCode).toBe(401);

    // A request from the person at work does count.
    const other = await createActor(t, ['confidant']);
    await t.app.db.update(sessions).set({ lastSeenAt: idleSince }).where(eq(sessions.id, other.sessionId));
    await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: other.headers });
    const [touched] = await t.app.db.select().from(sessions).where(eq(sessions.id, other.sessionId));
    expect(Date.now() - (touched?.lastSeenAt.getTime() ?? 0)).toBeLessThan(60_000);
  });

  it('ends a session past its absolute lifetime, however active', async () => {
    const me = await createActor(t, ['officeholder']);
    await t.app.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, me.sessionId));
    expect((await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: me.headers })).statusCode).toBe(401);
  });

  it('applies deactivation and role removal on the very next request', async () => {
    const admin = await createActor(t, ['admin', 'officeholder']);
    const probe = () => t.app.inject({ method: 'GET', url: '/api/auth/session', headers: admin.headers });
    await t.app.db.delete(personRoles).where(eq(personRoles.role, 'admin'));
    expect((await probe()).json().person.roles).toEqual(['officeholder']);
    await t.app.db.update(people).set({ status: 'deactivated' }).where(eq(people.id, admin.personId));
    expect((await probe()).json().person).toBeNull();
  });

  it('stores only a hash of the session token', async () => {
    const me = await createActor(t, ['officeholder']);
    const token = (me.headers.cookie ?? '').split('=')[1] ?? '';
    const rows = await t.app.db.select().from(sessions).where(eq(sessions.id, me.sessionId));
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
