import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonById } from '../../src/server/modules/people/repository.ts';
import type { RouteAccess } from '../../src/server/plugins/access.ts';
import { CASE_READING_ROLES, type CaseReadingRole, ROLES, type Role } from '../../src/shared/roles.ts';
import { ACCESS_TABLE, ADMIN_CASE_ROLE_ATTEMPTS } from '../helpers/access-table.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { NO_REQUEST_LIMIT, submitSipa, submitSupport } from '../helpers/cases.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Role × route, for every route in the access table and every caller (anonymous and each role alone):
 * - `public`: nobody is stopped by the access check;
 * - `signedIn`: anonymous gets 401, every role gets through;
 * - `{ roles }`: anonymous gets 401, a listed role gets through, every other role gets 403.
 * "Gets through" means the answer is not the access check's own 401/403 (the handler may still answer
 * 400 or 404 for the made-up ids and empty bodies used here) and never a 5xx.
 * Which records a caller may then touch is each module's object-level test (e.g. case-authorization).
 */
type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];

function expected(access: RouteAccess, caller: Caller): 'through' | 401 | 403 {
  if (access === 'public') return 'through';
  if (caller === 'anonymous') return 401;
  if (access === 'signedIn') return 'through';
  return access.roles.includes(caller) ? 'through' : 403;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('access matrix: every route × every caller', () => {
  let t: TestApp;
  const shared = new Map<Role, TestActor>();

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) shared.set(role, await createActor(t, [role]));
  }, 120_000);
  afterAll(() => t.close());

  const routes = Object.entries(ACCESS_TABLE).map(([key, access]) => {
    const [method = 'GET', url = '/'] = key.split(' ');
    return { key, method, url, access };
  });

  it.each(routes)('$key', async ({ method, url, access }) => {
    const path = url.replace(/:[A-Za-z]+/g, () => randomUUID());
    const problems: string[] = [];
    for (const caller of CALLERS) {
      const want = expected(access, caller);
      // A call that gets through may change something (end a session, …): give it a fresh actor so the
      // shared ones stay valid for the rest of the matrix.
      const actor =
        caller === 'anonymous'
          ? null
          : want === 'through' && STATE_CHANGING.has(method)
            ? await createActor(t, [caller])
            : (shared.get(caller) ?? null);
      const response = await t.app.inject({
        method: method as 'GET',
        url: path,
        headers: {
          ...(actor?.headers ?? {}),
          ...(STATE_CHANGING.has(method) ? { 'content-type': 'application/json' } : {}),
        },
        ...(STATE_CHANGING.has(method) ? { payload: '{}' } : {}),
      });
      const code = response.headers['content-type']?.toString().includes('json') ? response.json()?.code : undefined;
      const stoppedByAccess =
        (response.statusCode === 401 && code === 'unauthenticated') ||
        (response.statusCode === 403 && code === 'forbidden');
      const got = stoppedByAccess ? response.statusCode : 'through';
      if (got !== want) problems.push(`${caller}: expected ${want}, got ${response.statusCode} ${code ?? ''}`);
      if (response.statusCode >= 500) problems.push(`${caller}: server error ${response.statusCode}`);
    }
    expect(problems).toEqual([]);
  });
});

/** The details a role needs when it is given (a confidant's association, an expert's field). */
function detailsFor(roles: readonly string[]): Record<string, string> {
  return {
    ...(roles.includes('confidant') ? { association: 'ngb' } : {}),
    ...(roles.includes('expert') ? { expertField: 'legal' } : {}),
  };
}

describe('access matrix: an admin trying to hold a role that reads cases', () => {
  let t: TestApp;
  let requester: TestActor;
  let caseIds: string[];

  beforeAll(async () => {
    t = await createTestApp({ env: NO_REQUEST_LIMIT });
    requester = await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Heerde' });
    caseIds = [(await submitSupport(t, requester)).caseId, (await submitSipa(t, requester)).caseId];
  }, 120_000);
  afterAll(() => t.close());

  const send = (actor: TestActor, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: actor.headers, ...(payload ? { payload } : {}) });

  it.each(CASE_READING_ROLES.map((role) => ({ role })))('$role: every attempt is refused', async ({ role }) => {
    const self = await createActor(t, ['admin']);
    const second = await createActor(t, ['admin']);
    const own = await createActor(t, ['training_coordinator'], { displayName: 'Ook ik' });
    const reader = await createActor(t, [role as CaseReadingRole], detailsFor([role]));
    // The admin asks the role for their other account (fresh sign-in: the request is made, 202) …
    const asked = await send(self, 'PUT', `/api/admin/people/${own.personId}/roles`, {
      roles: ['training_coordinator', role],
      ...detailsFor([role]),
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const ownGrant: string = asked.json().person.pendingRoleGrant.id;
    const ids: Record<string, string> = {
      ':self': self.personId,
      ':admin': second.personId,
      ':reader': reader.personId,
      ':own-grant': ownGrant,
    };
    const problems: string[] = [];
    for (const attempt of ADMIN_CASE_ROLE_ATTEMPTS) {
      const url = attempt.path.replace(/:[a-z-]+/g, (key) => ids[key] ?? key);
      const roles = attempt.roles(role);
      const body =
        attempt.method === 'POST' && url === '/api/admin/people'
          ? { email: `ook.ik.${role}@example.org`, roles, ...detailsFor(roles) }
          : roles.length > 0
            ? { roles, ...detailsFor(roles) }
            : undefined;
      const response = await send(self, attempt.method, url, body);
      const code = response.json()?.code;
      if (response.statusCode !== attempt.status || code !== attempt.code) {
        problems.push(
          `${attempt.name}: expected ${attempt.status} ${attempt.code}, got ${response.statusCode} ${code}`,
        );
      }
    }
    expect(problems).toEqual([]);
    // … and nothing changed: nobody holds admin with the role, the other account waits for a second admin.
    expect((await findPersonById(t.app.db, self.personId))?.roles).toEqual(['admin']);
    expect((await findPersonById(t.app.db, second.personId))?.roles).toEqual(['admin']);
    expect((await findPersonById(t.app.db, reader.personId))?.roles).toEqual([role]);
    expect((await findPersonById(t.app.db, own.personId))?.roles).toEqual(['training_coordinator']);
    // The admin still reads no case and has no queue.
    for (const caseId of caseIds) {
      for (const path of ['', '/messages', '/timeline', '/attachments']) {
        expect((await send(self, 'GET', `/api/cases/${caseId}${path}`)).statusCode, `${caseId}${path}`).toBe(404);
      }
    }
    expect((await send(self, 'GET', '/api/cases/queue')).statusCode).toBe(403);
  });
});
