/**
 * Helpers for the auth integration tests (not used by the app, so under test/): invitations, requests
 * from a chosen IP address, session headers from a Set-Cookie, TOTP codes at a chosen moment, and whole
 * activations.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { expect } from 'vitest';
import { systemContext } from '../../src/server/lib/context.ts';
import { totpCredentials } from '../../src/server/modules/auth/db.ts';
import { issueInvitation } from '../../src/server/modules/people/invitations.ts';
import { insertInvitedPerson } from '../../src/server/modules/people/repository.ts';
import { sessionCookieName } from '../../src/server/modules/sessions/cookie.ts';
import type { Role } from '../../src/shared/roles.ts';
import { SoftAuthenticator } from './soft-authenticator.ts';
import type { TestApp } from './test-app.ts';

export const STRONG_PASSWORD = 'paarse-olifant-fietst-langs-de-Maas';

let ipCounter = 1;
/** A fresh client address, so tests do not share per-IP throttles or request caps. */
export function freshIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export interface Invited {
  personId: string;
  email: string;
  token: string;
}

export async function invite(
  t: TestApp,
  roles: Role[],
  options: { kind?: 'invite' | 'setup'; displayName?: string } = {},
): Promise<Invited> {
  const email = `${roles.join('-') || 'nobody'}-${randomUUID().slice(0, 8)}@example.org`;
  return t.app.unitOfWork.run(systemContext(), async (w) => {
    const person = await insertInvitedPerson(w.tx, { email, roles, displayName: options.displayName ?? null }, null);
    const issued = await issueInvitation(
      w,
      { config: t.config, keyring: t.keyring },
      { person: { id: person.id, email }, kind: options.kind ?? 'invite', sendMail: false },
    );
    return { personId: person.id, email, token: issued.token };
  });
}

export interface RequestOptions {
  headers?: Record<string, string>;
  ip?: string;
}

export function post(t: TestApp, url: string, payload: unknown, options: RequestOptions = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
    headers: options.headers ?? {},
    remoteAddress: options.ip ?? '127.0.0.1',
  });
}

export function del(t: TestApp, url: string, options: RequestOptions = {}) {
  return t.app.inject({
    method: 'DELETE',
    url,
    headers: options.headers ?? {},
    remoteAddress: options.ip ?? '127.0.0.1',
  });
}

export function get(t: TestApp, url: string, options: RequestOptions = {}) {
  return t.app.inject({ method: 'GET', url, headers: options.headers ?? {}, remoteAddress: options.ip ?? '127.0.0.1' });
}

/** The cookie and CSRF headers for the session a response just started. */
export async function sessionHeaders(t: TestApp, response: LightMyRequestResponse): Promise<Record<string, string>> {
  const name = sessionCookieName(t.config);
  const cookie = response.cookies.find((c) => c.name === name);
  expect(cookie?.value, 'a session cookie was set').toBeTruthy();
  const headers = { cookie: `${name}=${cookie?.value}` };
  const session = (await get(t, '/api/auth/session', { headers })).json();
  expect(session.person).not.toBeNull();
  return { ...headers, 'x-csrf-token': session.csrfToken };
}

/** The code an authenticator app shows `offsetSteps` 30-second steps from now. */
export function totpCode(secret: string, offsetSteps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

/** Forgets which TOTP step was used last, so a test can sign in again within the same 30 seconds. */
export async function forgetLastTotpStep(t: TestApp, personId: string): Promise<void> {
  await t.app.db.update(totpCredentials).set({ lastUsedStep: null }).where(eq(totpCredentials.personId, personId));
}

export interface PasswordAccount extends Invited {
  password: string;
  secret: string;
  recoveryCodes: string[];
  headers: Record<string, string>;
}

/** Invites and activates with password + TOTP through the routes. */
export async function activateWithPassword(
  t: TestApp,
  roles: Role[] = ['officeholder'],
  password = STRONG_PASSWORD,
): Promise<PasswordAccount> {
  const invited = await invite(t, roles);
  const ip = freshIp();
  const start = await post(t, '/api/activation/password/start', { token: invited.token, password }, { ip });
  expect(start.statusCode, start.body).toBe(200);
  const secret: string = start.json().totpSecret;
  const complete = await post(
    t,
    '/api/activation/password/complete',
    { token: invited.token, displayName: 'Anna de Vries', password, totpCode: await totpCode(secret) },
    { ip },
  );
  expect(complete.statusCode, complete.body).toBe(200);
  return {
    ...invited,
    password,
    secret,
    recoveryCodes: complete.json().recoveryCodes,
    headers: await sessionHeaders(t, complete),
  };
}

export interface PasskeyAccount extends Invited {
  authenticator: SoftAuthenticator;
  recoveryCodes: string[];
  headers: Record<string, string>;
}

/** Invites and activates with a (software) passkey through the routes. */
export async function activateWithPasskey(t: TestApp, roles: Role[] = ['confidant']): Promise<PasskeyAccount> {
  const invited = await invite(t, roles);
  const authenticator = new SoftAuthenticator(new URL(t.config.PUBLIC_URL).origin);
  const ip = freshIp();
  const options = await post(t, '/api/activation/passkey/options', { token: invited.token }, { ip });
  expect(options.statusCode, options.body).toBe(200);
  const verify = await post(
    t,
    '/api/activation/passkey/verify',
    { token: invited.token, displayName: 'Bram Jansen', response: authenticator.register(options.json()) },
    { ip },
  );
  expect(verify.statusCode, verify.body).toBe(200);
  return {
    ...invited,
    authenticator,
    recoveryCodes: verify.json().recoveryCodes,
    headers: await sessionHeaders(t, verify),
  };
}
