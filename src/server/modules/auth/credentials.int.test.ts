import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../../../test/helpers/actors.ts';
import {
  activateWithPasskey,
  activateWithPassword,
  del,
  forgetLastTotpStep,
  freshIp,
  get,
  type PasswordAccount,
  post,
  STRONG_PASSWORD,
  sessionHeaders,
  totpCode,
} from '../../../../test/helpers/auth-kit.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { auditLog } from '../audit/db.ts';
import { sessions } from '../sessions/db.ts';
import { passwordCredentials, recoveryCodes, totpCredentials } from './db.ts';

describe('my sign-in methods', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function ageAuthentication(personId: string) {
    await t.app.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 60 * 60_000) })
      .where(eq(sessions.personId, personId));
  }

  async function signInAgain(account: PasswordAccount) {
    await forgetLastTotpStep(t, account.personId);
    const response = await post(
      t,
      '/api/auth/password',
      { email: account.email, password: account.password, totpCode: await totpCode(account.secret) },
      { ip: freshIp() },
    );
    expect(response.statusCode, response.body).toBe(200);
    return sessionHeaders(t, response);
  }

  it('lists my methods', async () => {
    const account = await activateWithPassword(t);
    const response = await get(t, '/api/me/credentials', { headers: account.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      passkeys: [],
      passwordTotp: true,
      recoveryCodesRemaining: 10,
      passkeyRequired: false,
    });
    expect((await get(t, '/api/me/credentials')).statusCode).toBe(401);
  });

  it('steps up with password and code; a wrong one is refused, throttled like a sign-in and audited', async () => {
    const account = await activateWithPassword(t);
    await ageAuthentication(account.personId);
    const wrong = await post(
      t,
      '/api/auth/step-up/password',
      { password: 'not-my-password-at-all', totpCode: '123456' },
      { headers: account.headers },
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('step_up_failed');
    // The code used at activation (same step) is spent already.
    const replay = await post(
      t,
      '/api/auth/step-up/password',
      { password: account.password, totpCode: await totpCode(account.secret) },
      { headers: account.headers },
    );
    expect(replay.statusCode).toBe(401);
    const failures = await t.app.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.subjectPersonId, account.personId), eq(auditLog.action, 'session.reauthentication_failed')),
      );
    expect(failures).toHaveLength(2);

    const ok = await post(
      t,
      '/api/auth/step-up/password',
      { password: account.password, totpCode: await totpCode(account.secret, 1) },
      { headers: account.headers },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const [session] = await t.app.db.select().from(sessions).where(eq(sessions.personId, account.personId));
    expect(Date.now() - (session?.authenticatedAt.getTime() ?? 0)).toBeLessThan(10_000);
    // The same session (one row, still live) under a new token: the old cookie and CSRF token are spent.
    const renewed = await sessionHeaders(t, ok);
    expect(ok.json()).toEqual({ ok: true, csrfToken: renewed['x-csrf-token'] });
    expect((await get(t, '/api/me/credentials', { headers: account.headers })).statusCode).toBe(401);
    expect((await get(t, '/api/me/credentials', { headers: renewed })).statusCode).toBe(200);
    expect(await t.app.db.select().from(sessions).where(eq(sessions.personId, account.personId))).toHaveLength(1);
  });

  it('refuses a password step-up for an account without a password', async () => {
    const actor = await createActor(t, ['confidant']);
    const response = await post(
      t,
      '/api/auth/step-up/password',
      { password: STRONG_PASSWORD, totpCode: '123456' },
      { headers: actor.headers },
    );
    expect(response.statusCode).toBe(401);
  });

  it('needs a recent step-up for every change', async () => {
    const account = await activateWithPassword(t);
    await ageAuthentication(account.personId);
    // One after the other (not Promise.all): keeps to one pooled connection on PostgreSQL.
    const attempts = [
      () => post(t, '/api/me/recovery-codes', {}, { headers: account.headers }),
      () => post(t, '/api/me/passkeys/options', {}, { headers: account.headers }),
      () => post(t, '/api/me/password-totp/start', { password: STRONG_PASSWORD }, { headers: account.headers }),
      () =>
        post(
          t,
          '/api/me/password-totp/complete',
          { password: STRONG_PASSWORD, totpCode: '123456' },
          { headers: account.headers },
        ),
      () => del(t, '/api/me/password-totp', { headers: account.headers }),
      () => del(t, '/api/me/passkeys/abc', { headers: account.headers }),
    ];
    for (const attempt of attempts) {
      const response = await attempt();
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('step_up_required');
    }
  });

  it('makes new recovery codes: old ones stop working, other sessions end on request, a notice is sent', async () => {
    const account = await activateWithPassword(t);
    const other = await signInAgain(account);
    const mailBefore = t.sentMail.length;
    const response = await post(t, '/api/me/recovery-codes', { endOtherSessions: true }, { headers: account.headers });
    expect(response.statusCode, response.body).toBe(200);
    const { recoveryCodes: fresh, endedSessions } = response.json();
    expect(fresh).toHaveLength(10);
    expect(endedSessions).toBe(1);
    expect((await get(t, '/api/me/credentials', { headers: other })).statusCode).toBe(401);
    expect((await get(t, '/api/me/credentials', { headers: account.headers })).statusCode).toBe(200);

    const oldCode = await post(
      t,
      '/api/auth/password',
      { email: account.email, password: account.password, recoveryCode: account.recoveryCodes[0] },
      { ip: freshIp() },
    );
    expect(oldCode.statusCode).toBe(401);
    const newCode = await post(
      t,
      '/api/auth/password',
      { email: account.email, password: account.password, recoveryCode: fresh[0] },
      { ip: freshIp() },
    );
    expect(newCode.statusCode).toBe(200);

    const notices = t.sentMail.slice(mailBefore).filter((mail) => mail.to === account.email);
    expect(notices.length).toBeGreaterThanOrEqual(1);
    for (const mail of notices) for (const code of fresh) expect(mail.text).not.toContain(code);
    const stored = await t.app.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, account.personId));
    expect(JSON.stringify(stored)).not.toContain(fresh[1]);
  });

  it('adds password + TOTP to a passkey account, and removes it again (never the last method)', async () => {
    const account = await activateWithPasskey(t, ['officeholder']);
    const weak = await post(
      t,
      '/api/me/password-totp/start',
      { password: 'wachtwoord1234' },
      { headers: account.headers },
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('password_too_weak');

    const start = await post(
      t,
      '/api/me/password-totp/start',
      { password: STRONG_PASSWORD },
      { headers: account.headers },
    );
    expect(start.statusCode, start.body).toBe(200);
    const secret = start.json().totpSecret;
    const wrong = await post(
      t,
      '/api/me/password-totp/complete',
      { password: STRONG_PASSWORD, totpCode: (await totpCode(secret)) === '999999' ? '999998' : '999999' },
      { headers: account.headers },
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('totp_invalid');
    const mailBefore = t.sentMail.length;
    const complete = await post(
      t,
      '/api/me/password-totp/complete',
      { password: STRONG_PASSWORD, totpCode: await totpCode(secret) },
      { headers: account.headers },
    );
    expect(complete.statusCode, complete.body).toBe(200);
    expect(t.sentMail.slice(mailBefore).filter((mail) => mail.to === account.email)).toHaveLength(1);
    expect((await get(t, '/api/me/credentials', { headers: account.headers })).json().passwordTotp).toBe(true);
    const again = await post(
      t,
      '/api/me/password-totp/start',
      { password: STRONG_PASSWORD },
      { headers: account.headers },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('password_totp_exists');

    // Signing in with it works.
    const signIn = await post(
      t,
      '/api/auth/password',
      { email: account.email, password: STRONG_PASSWORD, totpCode: await totpCode(secret, 1) },
      { ip: freshIp() },
    );
    expect(signIn.statusCode, signIn.body).toBe(200);
    const second = await sessionHeaders(t, signIn);

    const removed = await del(t, '/api/me/password-totp', { headers: account.headers });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ endedSessions: 1 });
    expect((await get(t, '/api/me/credentials', { headers: second })).statusCode).toBe(401);
    expect(await t.app.db.select().from(totpCredentials).where(eq(totpCredentials.personId, account.personId))).toEqual(
      [],
    );
    expect((await del(t, '/api/me/password-totp', { headers: account.headers })).statusCode).toBe(404);
  });

  it('does not remove password + TOTP when it is the only method', async () => {
    const account = await activateWithPassword(t);
    const response = await del(t, '/api/me/password-totp', { headers: account.headers });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('last_method');
    expect(
      await t.app.db.select().from(passwordCredentials).where(eq(passwordCredentials.personId, account.personId)),
    ).toHaveLength(1);
  });

  it('does not let staff add a password', async () => {
    const staff = await activateWithPasskey(t, ['confidant']);
    const response = await post(
      t,
      '/api/me/password-totp/start',
      { password: STRONG_PASSWORD },
      { headers: staff.headers },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('passkey_required');
  });

  it('refuses hostile input with 400 and changes nothing', async () => {
    const account = await activateWithPasskey(t, ['officeholder']);
    const count = async () =>
      (
        await t.app.db
          .select({ n: sql<number>`count(*)` })
          .from(auditLog)
          .where(eq(auditLog.subjectPersonId, account.personId))
      )[0]?.n;
    const before = await count();
    const cases: Array<[string, unknown]> = [
      ['/api/me/recovery-codes', { endOtherSessions: 'yes' }],
      ['/api/me/recovery-codes', { count: 1000 }],
      ['/api/me/password-totp/start', { password: 'x'.repeat(129) }],
      ['/api/me/password-totp/start', { password: ['a'] }],
      ['/api/me/password-totp/start', { password: STRONG_PASSWORD, totpSecret: 'JBSWY3DPEHPK3PXP' }],
      ['/api/me/password-totp/complete', { password: STRONG_PASSWORD, totpCode: '1'.repeat(1000) }],
      ['/api/auth/step-up/password', { password: STRONG_PASSWORD }],
      ['/api/auth/step-up/password', { password: STRONG_PASSWORD, totpCode: null }],
    ];
    for (const [url, payload] of cases) {
      const response = await post(t, url, payload, { headers: account.headers });
      expect(response.statusCode, `${url} ${JSON.stringify(payload).slice(0, 50)}`).toBe(400);
    }
    expect(await count()).toBe(before);
    expect((await get(t, '/api/me/credentials', { headers: account.headers })).json()).toMatchObject({
      passwordTotp: false,
      recoveryCodesRemaining: 10,
    });
  });
});
