import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../../../test/helpers/actors.ts';
import { freshIp, get } from '../../../../test/helpers/auth-kit.ts';
import { startTestProvider, type TestIdentity, type TestProvider } from '../../../../test/helpers/oidc-provider.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { Role } from '../../../shared/roles.ts';
import { systemContext } from '../../lib/context.ts';
import { auditLog } from '../audit/db.ts';
import { people } from '../people/db.ts';
import { issueInvitation, revokeInvitation } from '../people/invitations.ts';
import { insertInvitedPerson } from '../people/repository.ts';
import { sessionCookieName } from '../sessions/cookie.ts';
import { sessions } from '../sessions/db.ts';
import { oidcIdentities } from './db.ts';

/**
 * Staff sign-in with their organisation, against a real OpenID Connect provider (oidc-provider, started
 * here on a free port): the app fetches its discovery document, JWKS and token endpoint over HTTP; the
 * browser's part at the provider runs through fetch, the app's part through app.inject.
 */

const PUBLIC_URL = 'http://localhost:3000';
const DOMAIN = 'gemeente.example';
const STATE_COOKIE = 'weerbaar_oidc';

let t: TestApp;
let idp: TestProvider;
/** How far the app's clock runs ahead of the provider's (the expired-token test moves it). */
let clockOffsetMs = 0;

beforeAll(async () => {
  idp = await startTestProvider({ redirectUri: `${PUBLIC_URL}/api/auth/oidc/callback` });
  t = await createTestApp({
    env: {
      PUBLIC_URL,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.client.id,
      OIDC_CLIENT_SECRET: idp.client.secret,
      OIDC_ALLOWED_EMAIL_DOMAINS: `other.example, ${DOMAIN}`,
      OIDC_MFA_CLAIM: 'amr=mfa,hwk',
    },
    build: { now: () => new Date(Date.now() + clockOffsetMs) },
  });
});
afterEach(() => {
  clockOffsetMs = 0;
  idp.setIdTokenAudience(null);
});
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

function identityFor(email: string, amr = ['pwd', 'mfa']): TestIdentity {
  return { sub: `sub-${randomUUID()}`, email, amr };
}

const staffEmail = () => `medewerker-${randomUUID().slice(0, 8)}@${DOMAIN}`;

/** An invited person (an admin's invitation, not yet used) with these roles. */
async function invitedPerson(roles: Role[], email = staffEmail()) {
  return t.app.unitOfWork.run(systemContext(), async (w) => {
    const person = await insertInvitedPerson(w.tx, { email, roles, displayName: null }, null);
    const issued = await issueInvitation(
      w,
      { config: t.config, keyring: t.keyring },
      { person: { id: person.id, email }, sendMail: false },
    );
    return { personId: person.id, email, invitationId: issued.invitationId };
  });
}

/** The whole round: start at the app, log in at the provider, come back to the app's callback. */
async function signInThroughProvider(
  identity: TestIdentity,
  options: { authorizationUrl?: (url: URL) => void; stateCookie?: string | null } = {},
): Promise<LightMyRequestResponse> {
  idp.signInAs(identity);
  const start = await get(t, '/api/auth/oidc/start', { ip: freshIp() });
  expect(start.statusCode, start.body).toBe(302);
  const cookie = start.cookies.find((c) => c.name === STATE_COOKIE);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  const authorizationUrl = new URL(start.headers.location as string);
  expect(authorizationUrl.origin).toBe(idp.issuer);
  expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
  options.authorizationUrl?.(authorizationUrl);
  const back = await idp.authorize(authorizationUrl.href);
  const stateCookie = options.stateCookie === undefined ? cookie?.value : options.stateCookie;
  return t.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: stateCookie ? { cookie: `${STATE_COOKIE}=${stateCookie}` } : {},
    remoteAddress: freshIp(),
  });
}

async function lastFailure() {
  const [row] = await t.app.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, 'session.sign_in_failed'))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}

/** Refused: back to the sign-in page with the problem code, no session, and the refusal audited. */
async function expectRefused(response: LightMyRequestResponse, reason: string, subjectPersonId: string | null) {
  expect(response.statusCode, response.body).toBe(303);
  expect(response.headers.location).toBe(`/inloggen?oidc=oidc_${reason}`);
  expect(response.cookies.find((c) => c.name === sessionCookieName(t.config))).toBeUndefined();
  const failure = await lastFailure();
  expect(failure).toMatchObject({ outcome: 'failure', actorPersonId: null, subjectPersonId });
  expect(failure?.details).toMatchObject({ method: 'oidc', reason });
  return failure;
}

describe('staff sign-in with their organisation (OpenID Connect)', () => {
  it('tells the web app it is configured', async () => {
    const status = await get(t, '/api/auth/oidc');
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ enabled: true });
  });

  it('signs in an active staff member with MFA, links the identity, and the session works', async () => {
    const staff = await createActor(t, ['confidant'], { email: staffEmail() });
    const identity = identityFor(staff.email);
    const response = await signInThroughProvider(identity);
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe('/');
    const cookie = response.cookies.find((c) => c.name === sessionCookieName(t.config));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const session = await get(t, '/api/auth/session', {
      headers: { cookie: `${sessionCookieName(t.config)}=${cookie?.value}` },
    });
    expect(session.json().person).toMatchObject({ id: staff.personId, roles: ['confidant'] });
    const [row] = await t.app.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, staff.personId))
      .orderBy(desc(sessions.createdAt))
      .limit(1);
    expect(row?.method).toBe('oidc');
    const links = await t.app.db.select().from(oidcIdentities).where(eq(oidcIdentities.personId, staff.personId));
    expect(links).toMatchObject([{ issuer: idp.issuer, subject: identity.sub }]);

    // Later sign-ins match on issuer + subject: a changed address at the provider still reaches the account.
    const again = await signInThroughProvider({ ...identity, email: `renamed-${randomUUID()}@${DOMAIN}` });
    expect(again.headers.location).toBe('/');
  });

  it('activates an invited staff member at the first sign-in and uses up the invitation', async () => {
    const invited = await invitedPerson(['ot_coordinator']);
    const response = await signInThroughProvider(identityFor(invited.email, ['hwk']));
    expect(response.headers.location, response.body).toBe('/');
    const [person] = await t.app.db.select().from(people).where(eq(people.id, invited.personId));
    expect(person?.status).toBe('active');
    const accepted = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'invitation.accepted'), eq(auditLog.recordId, invited.invitationId)));
    expect(accepted).toHaveLength(1);
  });

  it('refuses an ID token made for another application (wrong audience)', async () => {
    const staff = await createActor(t, ['confidant'], { email: staffEmail() });
    idp.setIdTokenAudience(idp.otherClient.id);
    const failure = await expectRefused(await signInThroughProvider(identityFor(staff.email)), 'token_invalid', null);
    expect(failure?.details).toMatchObject({ code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' });
    expect(await t.app.db.select().from(oidcIdentities).where(eq(oidcIdentities.personId, staff.personId))).toEqual([]);
  });

  it('refuses a code the provider issued to another application', async () => {
    const staff = await createActor(t, ['confidant'], { email: staffEmail() });
    const response = await signInThroughProvider(identityFor(staff.email), {
      authorizationUrl: (url) => url.searchParams.set('client_id', idp.otherClient.id),
    });
    const failure = await expectRefused(response, 'provider_refused', null);
    expect(failure?.details).toMatchObject({ code: 'invalid_grant' });
  });

  it('refuses an expired ID token (the app’s clock past its expiry)', async () => {
    const staff = await createActor(t, ['confidant'], { email: staffEmail() });
    // The provider's ID tokens live 300 s; openid-client allows 30 s of clock difference. The state cookie
    // (10 minutes) is still valid then, so the token is what fails.
    clockOffsetMs = 6 * 60_000;
    const failure = await expectRefused(await signInThroughProvider(identityFor(staff.email)), 'token_invalid', null);
    expect(failure?.details).toMatchObject({ code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' });
  });

  it('refuses a sign-in without the MFA claim', async () => {
    const staff = await createActor(t, ['confidant'], { email: staffEmail() });
    const response = await signInThroughProvider(identityFor(staff.email, ['pwd']));
    await expectRefused(response, 'mfa_missing', staff.personId);
  });

  it('refuses a person who was not invited, and a withdrawn invitation', async () => {
    await expectRefused(await signInThroughProvider(identityFor(staffEmail())), 'account_unknown', null);
    const withdrawn = await invitedPerson(['confidant']);
    await t.app.unitOfWork.run(systemContext(), (w) => revokeInvitation(w, withdrawn.invitationId));
    await expectRefused(
      await signInThroughProvider(identityFor(withdrawn.email)),
      'account_unknown',
      withdrawn.personId,
    );
  });

  it('refuses an admin (passkey only), an officeholder, a relative and a deactivated staff member', async () => {
    const admin = await createActor(t, ['admin'], { email: staffEmail() });
    await expectRefused(await signInThroughProvider(identityFor(admin.email)), 'passkey_required', admin.personId);
    for (const roles of [['officeholder'], ['relative']] satisfies Role[][]) {
      const member = await createActor(t, roles, { email: staffEmail() });
      await expectRefused(await signInThroughProvider(identityFor(member.email)), 'account_unknown', member.personId);
    }
    const leaver = await createActor(t, ['peer'], { email: staffEmail() });
    await t.app.db.update(people).set({ status: 'deactivated' }).where(eq(people.id, leaver.personId));
    await expectRefused(await signInThroughProvider(identityFor(leaver.email)), 'account_unknown', leaver.personId);
  });

  it('refuses an address outside the allowed domains, and one the provider has not verified', async () => {
    const outside = await createActor(t, ['confidant'], { email: `staff-${randomUUID().slice(0, 8)}@elders.example` });
    await expectRefused(await signInThroughProvider(identityFor(outside.email)), 'email_not_allowed', null);
    const unverified = await createActor(t, ['confidant'], { email: staffEmail() });
    const identity = { ...identityFor(unverified.email), emailVerified: false };
    await expectRefused(await signInThroughProvider(identity), 'email_not_allowed', null);
  });

  it('refuses a callback in a browser that did not start it (no or a forged state cookie)', async () => {
    const staff = await createActor(t, ['confidant'], { email: staffEmail() });
    await expectRefused(
      await signInThroughProvider(identityFor(staff.email), { stateCookie: null }),
      'state_invalid',
      null,
    );
    await expectRefused(
      await signInThroughProvider(identityFor(staff.email), { stateCookie: 'e30.forged' }),
      'state_invalid',
      null,
    );
  });

  it('answers 400 for a malformed callback, with nothing stored', async () => {
    const before = await t.app.db.select().from(sessions);
    const response = await get(t, `/api/auth/oidc/callback?state=${'x'.repeat(600)}`, { ip: freshIp() });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(await t.app.db.select().from(sessions)).toHaveLength(before.length);
  });
});

describe('without OIDC configuration', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await createTestApp();
  });
  afterAll(() => plain?.close());

  it('says it is off, and the start and callback routes do not exist', async () => {
    expect((await get(plain, '/api/auth/oidc')).json()).toEqual({ enabled: false });
    expect((await get(plain, '/api/auth/oidc/start')).statusCode).toBe(404);
    expect((await get(plain, '/api/auth/oidc/callback?code=x&state=y')).statusCode).toBe(404);
  });
});
