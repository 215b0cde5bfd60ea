import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activateWithPasskey,
  del,
  freshIp,
  get,
  type PasskeyAccount,
  post,
  sessionHeaders,
} from '../../../../test/helpers/auth-kit.ts';
import { SoftAuthenticator } from '../../../../test/helpers/soft-authenticator.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { auditLog } from '../audit/db.ts';
import { people } from '../people/db.ts';
import { sessions } from '../sessions/db.ts';
import { passkeys } from './db.ts';

describe('passkeys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function signInWithPasskey(authenticator: SoftAuthenticator, overrides = {}) {
    const ip = freshIp();
    const options = (await post(t, '/api/auth/passkey/options', {}, { ip })).json();
    return post(t, '/api/auth/passkey/verify', { response: authenticator.authenticate(options, overrides) }, { ip });
  }

  /** Makes the session's last full authentication older than the step-up window. */
  async function ageAuthentication(personId: string) {
    await t.app.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 60 * 60_000) })
      .where(eq(sessions.personId, personId));
  }

  async function stepUpWithPasskey(account: PasskeyAccount) {
    const options = await post(t, '/api/auth/step-up/passkey/options', {}, { headers: account.headers });
    expect(options.statusCode, options.body).toBe(200);
    return post(
      t,
      '/api/auth/step-up/passkey/verify',
      { response: account.authenticator.authenticate(options.json()) },
      { headers: account.headers },
    );
  }

  it('offers discoverable sign-in: no e-mail asked, no credentials listed, user verification required', async () => {
    const response = await post(t, '/api/auth/passkey/options', {});
    expect(response.statusCode).toBe(200);
    const options = response.json();
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required', allowCredentials: [] });
    expect(Buffer.from(options.challenge, 'base64url').length).toBeGreaterThanOrEqual(16);
    const withoutBody = await t.app.inject({ method: 'POST', url: '/api/auth/passkey/options' });
    expect(withoutBody.statusCode).toBe(200);
  });

  it('signs in with a passkey, updates its counter and refuses the same answer twice', async () => {
    const account = await activateWithPasskey(t, ['officeholder']);
    const ip = freshIp();
    const options = (await post(t, '/api/auth/passkey/options', {}, { ip })).json();
    const assertion = account.authenticator.authenticate(options);
    const ok = await post(t, '/api/auth/passkey/verify', { response: assertion }, { ip });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ok: true });
    const headers = await sessionHeaders(t, ok);
    expect((await get(t, '/api/auth/session', { headers })).json().person.id).toBe(account.personId);
    const [stored] = await t.app.db.select().from(passkeys).where(eq(passkeys.personId, account.personId));
    expect(stored?.counter).toBe(1);
    expect(stored?.lastUsedAt).not.toBeNull();
    const [session] = await t.app.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, account.personId))
      .orderBy(desc(sessions.createdAt))
      .limit(1);
    expect(session?.method).toBe('passkey');

    const replay = await post(t, '/api/auth/passkey/verify', { response: assertion }, { ip });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('sign_in_failed');
  });

  it('refuses another origin, no user verification, an unknown key, a cloned key and a deactivated account', async () => {
    const account = await activateWithPasskey(t, ['officeholder']);
    const answers = new Set<string>();
    const expectFailed = async (response: Awaited<ReturnType<typeof signInWithPasskey>>) => {
      expect(response.statusCode).toBe(401);
      expect(response.cookies).toHaveLength(0);
      const { requestId: _requestId, ...rest } = response.json();
      answers.add(JSON.stringify(rest));
    };
    await expectFailed(await signInWithPasskey(account.authenticator, { origin: 'https://localhost.evil.example' }));
    await expectFailed(await signInWithPasskey(account.authenticator, { userVerified: false }));
    const stranger = new SoftAuthenticator(new URL(t.config.PUBLIC_URL).origin);
    stranger.register({
      rp: { name: 'Weerbaar', id: 'localhost' },
      user: { id: 'eA', name: 'x', displayName: 'x' },
      challenge: 'eA',
      pubKeyCredParams: [],
    });
    await expectFailed(await signInWithPasskey(stranger));

    // A cloned authenticator shows a counter that does not go up.
    await t.app.db.update(passkeys).set({ counter: 1000 }).where(eq(passkeys.personId, account.personId));
    await expectFailed(await signInWithPasskey(account.authenticator));
    await t.app.db.update(passkeys).set({ counter: 0 }).where(eq(passkeys.personId, account.personId));

    await t.app.db.update(people).set({ status: 'deactivated' }).where(eq(people.id, account.personId));
    await expectFailed(await signInWithPasskey(account.authenticator));
    expect(answers.size).toBe(1);

    const failures = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectPersonId, account.personId), eq(auditLog.action, 'session.sign_in_failed')));
    expect(failures.length).toBe(4);
    for (const row of failures) expect(row.actorPersonId).toBeNull();
  });

  it('needs a recent step-up to add a passkey, and a passkey step-up provides it', async () => {
    const account = await activateWithPasskey(t, ['confidant']);
    await ageAuthentication(account.personId);
    const refused = await post(t, '/api/me/passkeys/options', {}, { headers: account.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('step_up_required');

    const stepUp = await stepUpWithPasskey(account);
    expect(stepUp.statusCode, stepUp.body).toBe(200);
    // A new session token (ASVS V7.2.4): the old cookie stops working, the new one carries the same session.
    const before = account.headers;
    account.headers = await sessionHeaders(t, stepUp);
    expect(account.headers.cookie).not.toBe(before.cookie);
    expect(stepUp.json().csrfToken).toBe(account.headers['x-csrf-token']);
    expect((await get(t, '/api/auth/session', { headers: before })).json().person).toBeNull();
    expect((await post(t, '/api/me/passkeys/options', {}, { headers: before })).statusCode).toBe(401);

    const mailBefore = t.sentMail.length;
    const options = await post(t, '/api/me/passkeys/options', {}, { headers: account.headers });
    expect(options.statusCode).toBe(200);
    expect(options.json().excludeCredentials).toHaveLength(1);
    const added = await post(
      t,
      '/api/me/passkeys',
      { response: account.authenticator.register(options.json()), name: 'Telefoon' },
      { headers: account.headers },
    );
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({ endedSessions: 0 });
    const credentials = (await get(t, '/api/me/credentials', { headers: account.headers })).json();
    expect(credentials).toMatchObject({ passwordTotp: false, passkeyRequired: true, recoveryCodesRemaining: 10 });
    expect(credentials.passkeys.map((p: { name: string }) => p.name)).toEqual(['Passkey', 'Telefoon']);
    const notices = t.sentMail.slice(mailBefore).filter((mail) => mail.to === account.email);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).not.toContain('Telefoon');
    const audit = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectPersonId, account.personId), eq(auditLog.action, 'auth.passkey_added')));
    expect(audit.length).toBe(2); // activation and this one
  });

  it('refuses a step-up with someone else’s passkey', async () => {
    const me = await activateWithPasskey(t, ['confidant']);
    const other = await activateWithPasskey(t, ['confidant']);
    await ageAuthentication(me.personId);
    const options = (await post(t, '/api/auth/step-up/passkey/options', {}, { headers: me.headers })).json();
    const foreign = other.authenticator.authenticate({ ...options, allowCredentials: [] });
    const response = await post(t, '/api/auth/step-up/passkey/verify', { response: foreign }, { headers: me.headers });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('step_up_failed');
    expect((await post(t, '/api/me/recovery-codes', {}, { headers: me.headers })).statusCode).toBe(403);
  });

  it('removes a passkey: never another person’s, never the last one, and ends my other sessions', async () => {
    const staff = await activateWithPasskey(t, ['confidant']);
    const other = await activateWithPasskey(t, ['confidant']);
    const [otherKey] = await t.app.db.select().from(passkeys).where(eq(passkeys.personId, other.personId));
    const [onlyKey] = await t.app.db.select().from(passkeys).where(eq(passkeys.personId, staff.personId));

    const foreign = await del(t, `/api/me/passkeys/${otherKey?.id}`, { headers: staff.headers });
    expect(foreign.statusCode).toBe(404);
    expect(await t.app.db.select().from(passkeys).where(eq(passkeys.personId, other.personId))).toHaveLength(1);
    expect((await del(t, '/api/me/passkeys/doesnotexist', { headers: staff.headers })).statusCode).toBe(404);

    const last = await del(t, `/api/me/passkeys/${onlyKey?.id}`, { headers: staff.headers });
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('last_passkey');

    // A second device and a second session, then remove the first passkey.
    const options = (await post(t, '/api/me/passkeys/options', {}, { headers: staff.headers })).json();
    await post(
      t,
      '/api/me/passkeys',
      { response: staff.authenticator.register(options), name: 'Sleutel' },
      { headers: staff.headers },
    );
    const second = await signInWithPasskey(staff.authenticator, { credentialId: onlyKey?.id });
    expect(second.statusCode).toBe(200);
    const secondHeaders = await sessionHeaders(t, second);
    const removed = await del(t, `/api/me/passkeys/${onlyKey?.id}`, { headers: staff.headers });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ endedSessions: 1 });
    expect((await get(t, '/api/me/credentials', { headers: secondHeaders })).statusCode).toBe(401);
    expect((await get(t, '/api/me/credentials', { headers: staff.headers })).json().passkeys).toHaveLength(1);

    // The removed passkey no longer signs in.
    expect((await signInWithPasskey(staff.authenticator, { credentialId: onlyKey?.id })).statusCode).toBe(401);
  });

  it('does not remove an officeholder’s only passkey when there is no password either', async () => {
    const account = await activateWithPasskey(t, ['officeholder']);
    const [key] = await t.app.db.select().from(passkeys).where(eq(passkeys.personId, account.personId));
    const response = await del(t, `/api/me/passkeys/${key?.id}`, { headers: account.headers });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('last_method');
  });

  it('refuses hostile passkey input with 400', async () => {
    const account = await activateWithPasskey(t, ['officeholder']);
    const options = (await post(t, '/api/me/passkeys/options', {}, { headers: account.headers })).json();
    const good = account.authenticator.register(options);
    const cases: unknown[] = [
      { response: good, name: '' },
      { response: good, name: 'x'.repeat(61) },
      { response: { ...good, type: 'password' }, name: 'x' },
      { response: { ...good, id: 'not base64url!' }, name: 'x' },
      { response: { ...good, response: { ...good.response, attestationObject: 5 } }, name: 'x' },
      { response: { ...good, admin: true }, name: 'x' },
      { response: good, name: 'x', personId: account.personId },
    ];
    for (const payload of cases) {
      expect((await post(t, '/api/me/passkeys', payload, { headers: account.headers })).statusCode).toBe(400);
    }
    expect(await t.app.db.select().from(passkeys).where(eq(passkeys.personId, account.personId))).toHaveLength(1);
    const garbage = await post(t, '/api/auth/passkey/verify', {
      response: { ...good, response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' } },
    });
    expect(garbage.statusCode).toBe(401);
  });
});
