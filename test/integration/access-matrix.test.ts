import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../src/server/plugins/access.ts';
import { ROLES, type Role } from '../../src/shared/roles.ts';
import { ACCESS_TABLE } from '../helpers/access-table.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
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
