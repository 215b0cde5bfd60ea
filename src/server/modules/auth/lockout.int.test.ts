import { eq, notLike } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activateWithPassword,
  forgetLastTotpStep,
  freshIp,
  type PasswordAccount,
  post,
  totpCode,
} from '../../../../test/helpers/auth-kit.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { signInThrottle } from './db.ts';
import { deviceCookieName } from './device.ts';
import { throttleKeys } from './throttle.ts';

/**
 * Five wrong passwords from anyone used to lock the owner out, and an attacker could keep it so forever.
 * Now a browser that signed in to the account before has a budget of its own: the owner gets in from
 * there whatever others try, while those others still slow down as before.
 */
describe('sign-in cannot be used to lock the owner out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const signIn = (payload: Record<string, unknown>, ip = freshIp(), cookie?: string) =>
    post(t, '/api/auth/password', payload, { ip, headers: cookie ? { cookie } : {} });

  function deviceCookie(response: LightMyRequestResponse): string {
    const cookie = response.cookies.find((c) => c.name === deviceCookieName(t.config));
    expect(cookie, 'a device cookie was set').toBeDefined();
    return `${cookie?.name}=${cookie?.value}`;
  }

  async function ownerSignsIn(account: PasswordAccount, cookie?: string, offset = 0) {
    await forgetLastTotpStep(t, account.personId);
    return signIn(
      { email: account.email, password: account.password, totpCode: await totpCode(account.secret, offset) },
      freshIp(),
      cookie,
    );
  }

  /** An attacker hammering the account from many addresses, pushed to the 15-minute cap. */
  async function attack(account: PasswordAccount, times = 8) {
    for (let i = 0; i < times; i++) {
      await signIn({ email: account.email, password: 'Raden-maar-raak-2024', totpCode: '123456' });
    }
    // The back-off would make this test wait; fast-forward to the cap, as a patient attacker gets there.
    const key = throttleKeys(t.keyring, account.email, '').account;
    await t.app.db.update(signInThrottle).set({ failures: 40, blockedUntil: null }).where(eq(signInThrottle.key, key));
    await signIn({ email: account.email, password: 'Raden-maar-raak-2024', totpCode: '123456' });
  }

  it('lets the owner in from a browser that signed in before, while the account is blocked for everyone else', async () => {
    const owner = await activateWithPassword(t);
    const first = await ownerSignsIn(owner, undefined, 1);
    expect(first.statusCode, first.body).toBe(200);
    const laptop = deviceCookie(first);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/weerbaar_device=[^;]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Strict/);

    await attack(owner);
    const attacker = await signIn({ email: owner.email, password: 'Nog-een-gok-2024', totpCode: '123456' });
    expect(attacker.statusCode).toBe(429);
    expect(Number(attacker.headers['retry-after'])).toBe(900);
    // A new device of the owner waits like anyone else…
    expect((await ownerSignsIn(owner)).statusCode).toBe(429);
    // …the laptop does not, from any network, and again after the attacker went on.
    expect((await ownerSignsIn(owner, laptop)).statusCode).toBe(200);
    await attack(owner, 2);
    const again = await ownerSignsIn(owner, laptop, 1);
    expect(again.statusCode, again.body).toBe(200);
    // The attacker is still slowed down.
    expect((await signIn({ email: owner.email, password: 'x', totpCode: '123456' })).statusCode).toBe(429);
  });

  it('keeps the second-factor budget per device too: someone with the password cannot lock the owner out', async () => {
    const owner = await activateWithPassword(t);
    const laptop = deviceCookie(await ownerSignsIn(owner, undefined, 1));
    const liftAccountBlocks = () =>
      t.app.db.update(signInThrottle).set({ blockedUntil: null }).where(notLike(signInThrottle.key, 'second-factor:%'));
    for (let i = 0; i < 6; i++) {
      await liftAccountBlocks();
      await signIn({ email: owner.email, password: owner.password, totpCode: '000000' });
    }
    await liftAccountBlocks();
    await forgetLastTotpStep(t, owner.personId);
    // Elsewhere even the right code is refused for 15 minutes; on the laptop it works.
    expect((await ownerSignsIn(owner)).statusCode).toBe(401);
    expect((await ownerSignsIn(owner, laptop)).statusCode).toBe(200);
  });

  it('counts the device’s own failures on the device, so they slow down that browser only', async () => {
    const owner = await activateWithPassword(t);
    const laptop = deviceCookie(await ownerSignsIn(owner, undefined, 1));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await signIn({ email: owner.email, password: 'verkeerd-wachtwoord-1', totpCode: '123456' }, freshIp(), laptop))
          .statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another browser of the owner is not blocked by the laptop's mistakes.
    expect((await ownerSignsIn(owner)).statusCode).toBe(200);
  });

  it('does not take a cookie for another account, or an altered one', async () => {
    const owner = await activateWithPassword(t);
    const other = await activateWithPassword(t);
    const othersLaptop = deviceCookie(await ownerSignsIn(other, undefined, 1));
    await attack(owner);
    expect((await ownerSignsIn(owner, othersLaptop)).statusCode).toBe(429);
    const [name, value = ''] = othersLaptop.split('=');
    const altered = `${name}=${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`;
    await attack(other);
    expect((await ownerSignsIn(other, altered)).statusCode).toBe(429);
    expect((await ownerSignsIn(other, othersLaptop)).statusCode).toBe(200);
  });
});
