import { and, desc, eq, notLike } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  activateWithPasskey,
  activateWithPassword,
  forgetLastTotpStep,
  freshIp,
  get,
  type PasswordAccount,
  post,
  sessionHeaders,
  totpCode,
} from '../../../../test/helpers/auth-kit.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { auditLog } from '../audit/db.ts';
import { people } from '../people/db.ts';
import { sessions } from '../sessions/db.ts';
import { signInThrottle } from './db.ts';
import { passwordHasher } from './passwords.ts';
import { throttleKeys } from './throttle.ts';

/** A problem body without what differs per request. */
function stable(body: Record<string, unknown>) {
  const { requestId: _requestId, ...rest } = body;
  return rest;
}

describe('sign-in with password + code', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const signIn = (payload: Record<string, unknown>, ip = freshIp(), headers: Record<string, string> = {}) =>
    post(t, '/api/auth/password', payload, { ip, headers });

  /** Clears account and IP blocks (not counts) so a test can go on without waiting for the back-off. */
  async function liftBlocks() {
    await t.app.db
      .update(signInThrottle)
      .set({ blockedUntil: null })
      .where(notLike(signInThrottle.key, 'second-factor:%'));
  }

  it('signs in with e-mail, password and the next TOTP code, and refuses that code a second time', async () => {
    const account = await activateWithPassword(t);
    const code = await totpCode(account.secret, 1); // the activation used the current step
    const ok = await signIn({ email: account.email.toUpperCase(), password: account.password, totpCode: code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ok: true });
    const headers = await sessionHeaders(t, ok);
    const [session] = await t.app.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, account.personId))
      .orderBy(desc(sessions.createdAt))
      .limit(1);
    expect(session?.method).toBe('password_totp');
    expect((await get(t, '/api/me/credentials', { headers })).json()).toMatchObject({ passwordTotp: true });

    const replay = await signIn({ email: account.email, password: account.password, totpCode: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('sign_in_failed');
    // The code of the activation itself (an earlier step) is not accepted either.
    const older = await signIn({
      email: account.email,
      password: account.password,
      totpCode: await totpCode(account.secret),
    });
    expect(older.statusCode).toBe(401);
  });

  it('accepts a recovery code once, in any case and with or without dashes, and sends a notice', async () => {
    const account = await activateWithPassword(t);
    const [first, second] = account.recoveryCodes;
    const mailBefore = t.sentMail.length;
    const ok = await signIn({
      email: account.email,
      password: account.password,
      recoveryCode: ` ${first?.toUpperCase()} `,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(t.sentMail.slice(mailBefore).filter((mail) => mail.to === account.email)).toHaveLength(1);
    const again = await signIn({ email: account.email, password: account.password, recoveryCode: first });
    expect(again.statusCode).toBe(401);
    const noDashes = await signIn({
      email: account.email,
      password: account.password,
      recoveryCode: second?.replaceAll('-', ''),
    });
    expect(noDashes.statusCode).toBe(200);
    const headers = await sessionHeaders(t, noDashes);
    expect((await get(t, '/api/me/credentials', { headers })).json().recoveryCodesRemaining).toBe(8);
    const audit = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectPersonId, account.personId), eq(auditLog.action, 'auth.recovery_code_used')));
    expect(audit).toHaveLength(2);
  });

  it('needs exactly one of totpCode and recoveryCode', async () => {
    const both = await signIn({ email: 'a@example.org', password: 'x', totpCode: '123456', recoveryCode: 'abcd' });
    expect(both.statusCode).toBe(400);
    const none = await signIn({ email: 'a@example.org', password: 'x' });
    expect(none.statusCode).toBe(400);
    const extra = await signIn({ email: 'a@example.org', password: 'x', totpCode: '123456', remember: true });
    expect(extra.statusCode).toBe(400);
  });

  describe('gives one answer for every failure', () => {
    let account: PasswordAccount;
    let passkeyOnlyEmail: string;
    let deactivated: PasswordAccount;
    beforeAll(async () => {
      account = await activateWithPassword(t);
      passkeyOnlyEmail = (await activateWithPasskey(t, ['officeholder'])).email;
      deactivated = await activateWithPassword(t);
      await t.app.db.update(people).set({ status: 'deactivated' }).where(eq(people.id, deactivated.personId));
    });

    it('unknown account, wrong password, wrong code, deactivated, passkey-only: the same 401', async () => {
      const rightCode = async (secret: string) => totpCode(secret, 1);
      const attempts = [
        { email: 'nobody@example.org', password: account.password, totpCode: '123456' },
        { email: account.email, password: `${account.password}x`, totpCode: await rightCode(account.secret) },
        { email: account.email, password: account.password, totpCode: '000000' },
        { email: deactivated.email, password: deactivated.password, totpCode: await rightCode(deactivated.secret) },
        { email: passkeyOnlyEmail, password: account.password, totpCode: '123456' },
        { email: account.email, password: account.password, recoveryCode: 'zzzz-zzzz-zzzz' },
      ];
      const answers = new Set<string>();
      for (const attempt of attempts) {
        const response = await signIn(attempt);
        expect(response.statusCode, attempt.email).toBe(401);
        expect(response.cookies).toHaveLength(0);
        answers.add(JSON.stringify(stable(response.json())));
      }
      expect(answers.size).toBe(1);
      expect(JSON.parse([...answers][0] ?? '{}').code).toBe('sign_in_failed');
    });

    it('runs a full argon2 verification for unknown and passkey-only accounts too', async () => {
      const verify = vi.spyOn(passwordHasher, 'verify');
      await signIn({ email: 'nobody-else@example.org', password: 'whatever-password', totpCode: '123456' });
      expect(verify).toHaveBeenCalledTimes(1);
      const [dummyHash] = verify.mock.calls[0] ?? [];
      expect(dummyHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await signIn({ email: passkeyOnlyEmail, password: 'whatever-password', totpCode: '123456' });
      expect(verify).toHaveBeenCalledTimes(2);
      await signIn({ email: account.email, password: 'whatever-password', totpCode: '123456' });
      expect(verify).toHaveBeenCalledTimes(3);

      // Loosely: an unknown account does not answer markedly faster than a known one (no strict timing).
      const time = async (email: string) => {
        const started = performance.now();
        await signIn({ email, password: 'whatever-password', totpCode: '123456' });
        return performance.now() - started;
      };
      const known = [];
      const unknown = [];
      for (let i = 0; i < 3; i++) {
        known.push(await time(account.email));
        unknown.push(await time(`unknown-${i}@example.org`));
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[1] ?? 0;
      expect(median(unknown)).toBeGreaterThan(median(known) / 4);
    });

    it('audits failed sign-ins of a known account for that person, without an actor', async () => {
      const target = await activateWithPassword(t);
      await signIn({ email: target.email, password: 'not-the-password', totpCode: '123456' });
      const [row] = await t.app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectPersonId, target.personId), eq(auditLog.action, 'session.sign_in_failed')));
      expect(row).toMatchObject({ actorPersonId: null, outcome: 'failure', details: { method: 'password' } });
      const log = (await get(t, '/api/me/access-log', { headers: target.headers })).json();
      expect(log.entries.map((entry: { action: string }) => entry.action)).toContain('session.sign_in_failed');
    });
  });

  it('backs off per account after 5 failures, the same for a known and an unknown address', async () => {
    const account = await activateWithPassword(t);
    const unknownEmail = 'never-invited@example.org';
    const mailBefore = t.sentMail.length;
    const failOnce = (email: string) =>
      signIn({ email, password: 'wrong-password-again', totpCode: '123456' }, freshIp());
    for (let i = 0; i < 5; i++) {
      expect((await failOnce(account.email)).statusCode).toBe(401);
      expect((await failOnce(unknownEmail)).statusCode).toBe(401);
    }
    // The owner hears of it once (V6.3.5): a notice and a link, nothing about where the attempts came from.
    const notices = () => t.sentMail.slice(mailBefore).filter((mail) => mail.subject.startsWith('Inlogpogingen'));
    await vi.waitFor(() => expect(notices()).toHaveLength(1));
    expect(notices()[0]?.to).toBe(account.email);
    expect(notices()[0]?.text).toContain('zonder succes');
    expect(notices()[0]?.text).toContain('/account/inzage');
    expect(notices()[0]?.text).not.toMatch(/127\.0\.0\.1|10\.\d+\.\d+\.\d+/);
    const known = await failOnce(account.email);
    const unknown = await failOnce(unknownEmail);
    expect(known.statusCode).toBe(429);
    expect(unknown.statusCode).toBe(429);
    expect(stable(known.json())).toEqual(stable(unknown.json()));
    expect(known.json().code).toBe('sign_in_throttled');
    expect(known.headers['retry-after']).toBe('1');
    expect(unknown.headers['retry-after']).toBe('1');

    // While blocked, even the right password and code are not checked.
    const blocked = await signIn({
      email: account.email,
      password: account.password,
      totpCode: await totpCode(account.secret, 1),
    });
    expect(blocked.statusCode).toBe(429);

    // The next failure doubles the wait: 2 s, then 4 s.
    await liftBlocks();
    expect((await failOnce(account.email)).statusCode).toBe(401);
    expect((await failOnce(account.email)).headers['retry-after']).toBe('2');
    await liftBlocks();
    await failOnce(account.email);
    expect((await failOnce(account.email)).headers['retry-after']).toBe('4');

    // Capped at 15 minutes.
    const accountKey = throttleKeys(t.keyring, account.email, '').account;
    await t.app.db
      .update(signInThrottle)
      .set({ failures: 40, blockedUntil: null })
      .where(eq(signInThrottle.key, accountKey));
    await failOnce(account.email);
    expect(Number((await failOnce(account.email)).headers['retry-after'])).toBe(900);
    // Not a notice per attempt: still the one, and none to an address without an account.
    expect(notices()).toHaveLength(1);
    expect(t.sentMail.some((mail) => mail.to === unknownEmail)).toBe(false);

    // A success clears the account's count.
    await liftBlocks();
    await forgetLastTotpStep(t, account.personId);
    const ok = await signIn({
      email: account.email,
      password: account.password,
      totpCode: await totpCode(account.secret),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await t.app.db.select().from(signInThrottle).where(eq(signInThrottle.key, accountKey))).toEqual([]);
    const unknownKey = throttleKeys(t.keyring, unknownEmail, '').account;
    expect(await t.app.db.select().from(signInThrottle).where(eq(signInThrottle.key, unknownKey))).toHaveLength(1);
  });

  it('backs off per IP address after 20 failures, for any address tried from it', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const response = await signIn(
        { email: `spray-${i}@example.org`, password: 'Summer2024!', totpCode: '123456' },
        ip,
      );
      expect(response.statusCode).toBe(401);
    }
    // The request cap (20 a minute) would stop a test first; fast-forward the count to 19.
    const ipKey = throttleKeys(t.keyring, '', ip).ip;
    await t.app.db.update(signInThrottle).set({ failures: 18 }).where(eq(signInThrottle.key, ipKey));
    expect((await signIn({ email: 'spray-19@example.org', password: 'x', totpCode: '123456' }, ip)).statusCode).toBe(
      401,
    );
    expect((await signIn({ email: 'spray-20@example.org', password: 'x', totpCode: '123456' }, ip)).statusCode).toBe(
      401,
    );
    const fromSameIp = await signIn({ email: 'fresh@example.org', password: 'Summer2024!', totpCode: '123456' }, ip);
    expect(fromSameIp.statusCode).toBe(429);
    expect(fromSameIp.json().code).toBe('sign_in_throttled');
    const fromOtherIp = await signIn({ email: 'fresh@example.org', password: 'Summer2024!', totpCode: '123456' });
    expect(fromOtherIp.statusCode).toBe(401);
  });

  it('allows at most 5 wrong second-factor codes per 15 minutes, without revealing the password was right', async () => {
    const account = await activateWithPassword(t);
    const mailBefore = t.sentMail.length;
    for (let i = 0; i < 5; i++) {
      await liftBlocks();
      const response = await signIn({ email: account.email, password: account.password, totpCode: '000000' });
      expect(response.statusCode).toBe(401);
    }
    // Someone has the password: the owner is told to choose a new one (the caller is told nothing).
    const notices = () => t.sentMail.slice(mailBefore).filter((mail) => mail.to === account.email);
    await vi.waitFor(() => expect(notices()).toHaveLength(1));
    expect(notices()[0]?.text).toContain('met uw wachtwoord');
    await liftBlocks();
    await forgetLastTotpStep(t, account.personId);
    const right = await signIn({
      email: account.email,
      password: account.password,
      totpCode: await totpCode(account.secret),
    });
    expect(right.statusCode).toBe(401);
    expect(right.json().code).toBe('sign_in_failed');
    await liftBlocks();
    const recovery = await signIn({
      email: account.email,
      password: account.password,
      recoveryCode: account.recoveryCodes[0],
    });
    expect(recovery.statusCode).toBe(401);
  });

  it('caps requests per IP and route (rate limit) as a second layer', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await signIn({ garbage: true }, ip)).statusCode);
    expect(statuses.slice(0, 20).every((status) => status === 400)).toBe(true);
    const last = await signIn({ garbage: true }, ip);
    expect(last.statusCode).toBe(429);
    expect(last.json().code).toBe('rate_limited');
    expect(last.headers['retry-after']).toBeDefined();
  });

  it('ends the session the request came with when someone signs in', async () => {
    const account = await activateWithPassword(t);
    const oldHeaders = account.headers;
    await forgetLastTotpStep(t, account.personId);
    const ok = await signIn(
      { email: account.email, password: account.password, totpCode: await totpCode(account.secret) },
      freshIp(),
      oldHeaders,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get(t, '/api/me/credentials', { headers: oldHeaders })).statusCode).toBe(401);
    const fresh = await sessionHeaders(t, ok);
    expect((await get(t, '/api/me/credentials', { headers: fresh })).statusCode).toBe(200);
  });
});
