import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { systemContext } from '../../src/server/lib/context.ts';
import { people } from '../../src/server/modules/people/db.ts';
import { insertInvitedPerson, type NewPerson } from '../../src/server/modules/people/repository.ts';
import { sessionCookieName } from '../../src/server/modules/sessions/cookie.ts';
import { csrfTokenFor } from '../../src/server/modules/sessions/plugin.ts';
import { createSession } from '../../src/server/modules/sessions/service.ts';
import type { Role } from '../../src/shared/roles.ts';
import type { TestApp } from './test-app.ts';

export interface TestActor {
  personId: string;
  email: string;
  roles: Role[];
  sessionId: string;
  /** Headers for app.inject(): the session cookie and the CSRF token. */
  headers: Record<string, string>;
}

/**
 * An active person with the given roles and a live session, made directly in the database: a factory
 * for tests of everything that comes after signing in. (The sign-in flows themselves are tested through
 * their own routes.)
 */
export async function createActor(t: TestApp, roles: Role[], overrides: Partial<NewPerson> = {}): Promise<TestActor> {
  const email = overrides.email ?? `${roles.join('-') || 'nobody'}-${randomUUID().slice(0, 8)}@example.org`;
  return t.app.db.transaction(async (tx) => {
    const person = await insertInvitedPerson(
      tx,
      { displayName: `Test ${roles.join(' ')}`, ...overrides, email, roles },
      null,
    );
    await tx.update(people).set({ status: 'active', activatedAt: new Date() }).where(eq(people.id, person.id));
    const { token, sessionId } = await createSession(
      tx,
      systemContext(),
      { personId: person.id, method: 'passkey' },
      t.config,
    );
    return {
      personId: person.id,
      email,
      roles,
      sessionId,
      headers: {
        cookie: `${sessionCookieName(t.config)}=${token}`,
        'x-csrf-token': csrfTokenFor(t.app, token),
      },
    };
  });
}
