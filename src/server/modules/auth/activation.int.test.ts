import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activateWithPasskey,
  activateWithPassword,
  freshIp,
  get,
  invite,
  post,
  STRONG_PASSWORD,
  sessionHeaders,
  totpCode,
} from '../../../../test/helpers/auth-kit.ts';
import { SoftAuthenticator } from '../../../../test/helpers/soft-authenticator.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { rowsOf } from '../../db/index.ts';
import { auditLog } from '../audit/db.ts';
import { invitations, people } from '../people/db.ts';
import { passkeys, passwordCredentials, recoveryCodes, totpCredentials } from './db.ts';

/** Everything in every table, as one string: to search a "dump" for secrets. */
async function dumpEverything(t: TestApp): Promise<string> {
  const tables = rowsOf<{ table_name: string }>(
    await t.app.db.execute(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    ),
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    parts.push(JSON.stringify(rowsOf(await t.app.db.execute(sql.raw(`SELECT * FROM "${table_name}"`)))));
  }
  return parts.join('\n');
}

/** A problem body without what differs per request. */
function stable(body: Record<string, unknown>) {
  const { requestId: _requestId, ...rest } = body;
  return rest;
}

describe('activation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('describes a usable invitation: passkey required for staff, not for officeholders', async () => {
    const officeholder = await invite(t, ['officeholder'], { displayName: 'Anna' });
    const staff = await invite(t, ['confidant']);
    const a = await post(t, '/api/activation/inspect', { token: officeholder.token });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({
      email: officeholder.email,
      displayName: 'Anna',
      kind: 'invite',
      roles: ['officeholder'],
      passkeyRequired: false,
      // Only a relative's link names who invited them (people/relatives.int.test.ts).
      invitedBy: null,
    });
    const b = await post(t, '/api/activation/inspect', { token: staff.token });
    expect(b.json()).toMatchObject({ roles: ['confidant'], passkeyRequired: true, invitedBy: null });
  });

  it('answers the same 404 for expired, revoked, used and made-up tokens', async () => {
    const expired = await invite(t, ['officeholder']);
    await t.app.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.personId, expired.personId));
    const revoked = await invite(t, ['officeholder']);
    await t.app.db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.personId, revoked.personId));
    const used = await activateWithPassword(t);
    const tokens = [expired.token, revoked.token, used.token, 'x'.repeat(43), 'short', 'ü'.repeat(60)];
    const bodies = [];
    for (const token of tokens) {
      for (const url of ['/api/activation/inspect', '/api/activation/passkey/options']) {
        const response = await post(t, url, { token }, { ip: freshIp() });
        expect(response.statusCode).toBe(404);
        bodies.push(JSON.stringify({ ...stable(response.json()), instance: null }));
      }
      const start = await post(t, '/api/activation/password/start', { token, password: STRONG_PASSWORD });
      expect(start.statusCode).toBe(404);
      bodies.push(JSON.stringify({ ...stable(start.json()), instance: null }));
    }
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] ?? '{}').code).toBe('invitation_invalid');
  });

  it('activates with password + TOTP: signed in, recovery codes, audited, a notice mail without details', async () => {
    const mailBefore = t.sentMail.length;
    const account = await activateWithPassword(t);
    expect(account.recoveryCodes).toHaveLength(10);
    for (const code of account.recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    expect(new Set(account.recoveryCodes).size).toBe(10);

    const session = (await get(t, '/api/auth/session', { headers: account.headers })).json();
    expect(session.person).toMatchObject({ id: account.personId, displayName: 'Anna de Vries' });
    const [person] = await t.app.db.select().from(people).where(eq(people.id, account.personId));
    expect(person?.status).toBe('active');

    const actions = (await t.app.db.select().from(auditLog).where(eq(auditLog.subjectPersonId, account.personId))).map(
      (row) => row.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'invitation.accepted',
        'auth.password_totp_added',
        'auth.recovery_codes_issued',
        'session.signed_in',
      ]),
    );

    const mails = t.sentMail.slice(mailBefore).filter((mail) => mail.to === account.email);
    expect(mails).toHaveLength(1);
    const text = `${mails[0]?.subject}\n${mails[0]?.text}`;
    expect(text).toContain('Er is iets gewijzigd aan hoe u inlogt bij Weerbaar');
    expect(text).toContain('070 373 83 14');
    expect(text).toContain('Something changed in how you sign in to Weerbaar');
    for (const secret of [account.secret, account.password, ...account.recoveryCodes]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/password|wachtwoord|passkey|TOTP|app|code/i);
  });

  it('keeps the TOTP secret encrypted, the password as argon2id and recovery codes only as hashes', async () => {
    const account = await activateWithPassword(t);
    const dump = await dumpEverything(t);
    expect(dump).not.toContain(account.secret);
    expect(dump).not.toContain(account.password);
    for (const code of account.recoveryCodes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replaceAll('-', ''));
    }
    const [password] = await t.app.db
      .select()
      .from(passwordCredentials)
      .where(eq(passwordCredentials.personId, account.personId));
    expect(password?.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const [totp] = await t.app.db.select().from(totpCredentials).where(eq(totpCredentials.personId, account.personId));
    expect(totp?.secretEnvelope).toMatch(/^wb1\./);
    expect(totp?.confirmedAt).not.toBeNull();
    expect(totp?.lastUsedStep).toBeGreaterThan(0);
    const codes = await t.app.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, account.personId));
    expect(codes).toHaveLength(10);
  });

  it('refuses short, common and personal passwords with field errors, and stores nothing', async () => {
    const invited = await invite(t, ['officeholder'], { displayName: 'Henk Hoogeveen' });
    const attempt = (password: string) =>
      post(t, '/api/activation/password/start', { token: invited.token, password }, { ip: freshIp() });

    const short = await attempt('kort-maar');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'validation_failed' });
    expect(short.json().errors[0]).toMatchObject({ field: 'body/password', code: 'too_small' });

    for (const weak of ['wachtwoord1234', 'welkom123456', 'qwertyuiopasdf', invited.email, 'Hoogeveen12345']) {
      const response = await attempt(weak);
      expect(response.statusCode, weak).toBe(400);
      const body = response.json();
      expect(body.code).toBe('password_too_weak');
      expect(body.errors[0]).toMatchObject({ field: 'body/password', code: 'password_too_weak' });
      for (const error of body.errors.slice(1)) expect(error.code).toMatch(/^password_feedback\./);
    }
    const tooLong = await attempt('a'.repeat(129));
    expect(tooLong.statusCode).toBe(400);

    expect(await t.app.db.select().from(totpCredentials).where(eq(totpCredentials.personId, invited.personId))).toEqual(
      [],
    );
  });

  it('does not let staff choose a password', async () => {
    const staff = await invite(t, ['confidant', 'officeholder']);
    const start = await post(t, '/api/activation/password/start', { token: staff.token, password: STRONG_PASSWORD });
    expect(start.statusCode).toBe(403);
    expect(start.json().code).toBe('passkey_required');
    const complete = await post(t, '/api/activation/password/complete', {
      token: staff.token,
      displayName: 'X',
      password: STRONG_PASSWORD,
      totpCode: '123456',
    });
    expect(complete.statusCode).toBe(403);
    expect(complete.json().code).toBe('passkey_required');
  });

  it('refuses a wrong TOTP code and a complete without start; the invitation stays usable', async () => {
    const invited = await invite(t, ['relative']);
    const early = await post(t, '/api/activation/password/complete', {
      token: invited.token,
      displayName: 'Kees',
      password: STRONG_PASSWORD,
      totpCode: '000000',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('totp_setup_missing');

    const start = await post(t, '/api/activation/password/start', { token: invited.token, password: STRONG_PASSWORD });
    const secret = start.json().totpSecret;
    expect(start.json().otpauthUri).toMatch(/^otpauth:\/\/totp\/Weerbaar:/);
    expect(start.json().qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const correct = await totpCode(secret);
    const wrong = correct === '000000' ? '000001' : '000000';
    const response = await post(t, '/api/activation/password/complete', {
      token: invited.token,
      displayName: 'Kees',
      password: STRONG_PASSWORD,
      totpCode: wrong,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'totp_invalid' });
    expect(response.cookies).toHaveLength(0);
    const inspect = await post(t, '/api/activation/inspect', { token: invited.token });
    expect(inspect.statusCode).toBe(200);
  });

  it('lets only one of two simultaneous activations of one invitation win', async () => {
    const invited = await invite(t, ['officeholder']);
    const start = await post(t, '/api/activation/password/start', { token: invited.token, password: STRONG_PASSWORD });
    const code = await totpCode(start.json().totpSecret);
    const body = { token: invited.token, displayName: 'Race', password: STRONG_PASSWORD, totpCode: code };
    const [a, b] = await Promise.all([
      post(t, '/api/activation/password/complete', body, { ip: freshIp() }),
      post(t, '/api/activation/password/complete', body, { ip: freshIp() }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 404]);
    const loser = a.statusCode === 404 ? a : b;
    expect(loser.json().code).toBe('invitation_invalid');
    expect(loser.cookies).toHaveLength(0);
    const codes = await t.app.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, invited.personId));
    expect(codes).toHaveLength(10);
  });

  it('refuses hostile input with 400 and changes nothing', async () => {
    const invited = await invite(t, ['officeholder']);
    const auditBefore = (await t.app.db.select({ n: sql<number>`count(*)` }).from(auditLog))[0]?.n;
    const cases: unknown[] = [
      { token: 'x'.repeat(5000) },
      { token: invited.token, extra: true },
      { token: 12345 },
      { token: [invited.token] },
      { token: { $ne: null } },
      {},
    ];
    for (const payload of cases) {
      const response = await post(t, '/api/activation/inspect', payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
    const completeCases: unknown[] = [
      { token: invited.token, displayName: 'x'.repeat(10_000), password: STRONG_PASSWORD, totpCode: '123456' },
      { token: invited.token, displayName: 'Ok', password: STRONG_PASSWORD, totpCode: '12345a' },
      { token: invited.token, displayName: 'Ok', password: STRONG_PASSWORD, totpCode: 123456 },
      { token: invited.token, displayName: 'Ok', password: 'x'.repeat(50_000), totpCode: '123456' },
      { token: invited.token, displayName: 'Ok', password: STRONG_PASSWORD, totpCode: '123456', roles: ['admin'] },
    ];
    for (const payload of completeCases) {
      const response = await post(t, '/api/activation/password/complete', payload);
      expect(response.statusCode).toBe(400);
    }
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/activation/inspect',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token: 'x'.repeat(200_000) }),
    });
    expect(huge.statusCode).toBe(413);
    const auditAfter = (await t.app.db.select({ n: sql<number>`count(*)` }).from(auditLog))[0]?.n;
    expect(auditAfter).toBe(auditBefore);
    const [person] = await t.app.db.select().from(people).where(eq(people.id, invited.personId));
    expect(person?.status).toBe('invited');
  });

  it('activates with a passkey: verified for real, signed in, recovery codes', async () => {
    const account = await activateWithPasskey(t, ['confidant']);
    expect(account.recoveryCodes).toHaveLength(10);
    const stored = await t.app.db.select().from(passkeys).where(eq(passkeys.personId, account.personId));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: 'Passkey', transports: 'internal' });
    const session = (await get(t, '/api/auth/session', { headers: account.headers })).json();
    expect(session.person.id).toBe(account.personId);
  });

  it('refuses a passkey from another origin, without user verification, or with a reused challenge', async () => {
    const invited = await invite(t, ['expert']);
    const authenticator = new SoftAuthenticator(new URL(t.config.PUBLIC_URL).origin);
    const options = async () => (await post(t, '/api/activation/passkey/options', { token: invited.token })).json();
    const verify = (response: unknown) =>
      post(t, '/api/activation/passkey/verify', { token: invited.token, displayName: 'E', response });

    const phished = await verify(authenticator.register(await options(), { origin: 'https://weerbaar.evil.example' }));
    expect(phished.statusCode).toBe(400);
    expect(phished.json().code).toBe('passkey_invalid');

    const noUv = await verify(authenticator.register(await options(), { userVerified: false }));
    expect(noUv.statusCode).toBe(400);

    const first = await options();
    const unknownChallenge = await verify(authenticator.register(first, { challenge: 'bm90LWlzc3VlZC1ieS11cw' }));
    expect(unknownChallenge.statusCode).toBe(400);

    // The options of a different invitation cannot be used for this one.
    const other = await invite(t, ['expert']);
    const otherOptions = (await post(t, '/api/activation/passkey/options', { token: other.token })).json();
    expect((await verify(authenticator.register(otherOptions))).statusCode).toBe(400);

    const good = authenticator.register(await options());
    const ok = await verify(good);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().recoveryCodes).toHaveLength(10);
    // Replaying the same response: the invitation is used and the challenge gone.
    const replay = await verify(good);
    expect(replay.statusCode).toBe(404);
  });

  it('for a setup invitation asks the e-mail address and offers passkeys only', async () => {
    const setup = await invite(t, ['admin'], { kind: 'setup' });
    const inspect = (await post(t, '/api/activation/inspect', { token: setup.token })).json();
    expect(inspect).toMatchObject({ kind: 'setup', email: null, passkeyRequired: true });
    const password = await post(t, '/api/activation/password/start', { token: setup.token, password: STRONG_PASSWORD });
    expect(password.statusCode).toBe(403);

    const authenticator = new SoftAuthenticator(new URL(t.config.PUBLIC_URL).origin);
    const options = (await post(t, '/api/activation/passkey/options', { token: setup.token })).json();
    const withoutEmail = await post(t, '/api/activation/passkey/verify', {
      token: setup.token,
      displayName: 'Beheerder',
      response: authenticator.register(options),
    });
    expect(withoutEmail.statusCode).toBe(400);
    expect(withoutEmail.json().code).toBe('email_required');

    const options2 = (await post(t, '/api/activation/passkey/options', { token: setup.token })).json();
    const ok = await post(t, '/api/activation/passkey/verify', {
      token: setup.token,
      displayName: 'Beheerder',
      email: '  Beheer@Example.org ',
      response: authenticator.register(options2),
      passkeyName: 'Laptop',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const headers = await sessionHeaders(t, ok);
    const session = (await get(t, '/api/auth/session', { headers })).json();
    expect(session.person).toMatchObject({ email: 'beheer@example.org', roles: ['admin'] });
  });

  it('refuses an e-mail address on an ordinary invitation', async () => {
    const invited = await invite(t, ['officeholder']);
    const start = await post(t, '/api/activation/password/start', { token: invited.token, password: STRONG_PASSWORD });
    const response = await post(t, '/api/activation/password/complete', {
      token: invited.token,
      displayName: 'Ok',
      email: 'other@example.org',
      password: STRONG_PASSWORD,
      totpCode: await totpCode(start.json().totpSecret),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('email_not_allowed');
  });
});
