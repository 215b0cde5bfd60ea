import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/server/db/index.ts';
import { systemContext } from '../src/server/lib/context.ts';
import { getCaseDetail } from '../src/server/modules/cases/read.ts';
import { listPackageParts } from '../src/server/modules/package/repository.ts';
import { people } from '../src/server/modules/people/db.ts';
import { insertInvitedPerson } from '../src/server/modules/people/repository.ts';
import { sessionCookieName } from '../src/server/modules/sessions/cookie.ts';
import { csrfTokenFor } from '../src/server/modules/sessions/plugin.ts';
import { createSession } from '../src/server/modules/sessions/service.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BenchRequest {
  method: HttpMethod;
  /** Path plus optional query string; sent unchanged to the app and to the bare baseline. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface PrepareContext {
  appUrl: string;
  db: Db;
  /** The running app, for the services and keys a baseline calls the same way the route does. */
  app: FastifyInstance;
}

export interface Prepared {
  /** Merged into the request sent to both targets (e.g. a session cookie, a record's id). */
  request?: Partial<BenchRequest>;
  /** The work the app's route does, without the app around it; its result is sent as JSON. */
  baseline(): Promise<unknown>;
}

/**
 * One hot route, measured in the real app and in the bare baseline. The baseline is a Fastify
 * server without plugins that answers the same path with `baseline()` on the same database handle,
 * so the ratio shows what the app adds around the work (session, access and CSRF hooks, validation,
 * serialisation, headers).
 */
export interface Scenario extends BenchRequest {
  /** Short unique name (kebab-case); shown in the table and the results file. */
  name: string;
  /** Status the app and the baseline must answer; checked once before measuring. Default 200. */
  expectStatus?: number;
  /** Runs once against the running app before measuring (sign in, create a record, …). */
  prepare(context: PrepareContext): Promise<Prepared>;
}

/** Add a capability's hot route here; `BENCH_SCENARIOS=a,b` selects by name. */
export const scenarios: Scenario[] = [
  {
    name: 'package-parts',
    method: 'GET',
    path: '/api/package/parts',
    prepare: async ({ db }) => ({ baseline: async () => ({ parts: await listPackageParts(db) }) }),
  },
  {
    // A requester opening their own support request: session lookup, the case policy, decryption of the
    // intake. The baseline calls the same service with the same person, so the ratio is the HTTP layer.
    name: 'case-detail',
    method: 'GET',
    path: '/api/cases/:caseId',
    prepare: async ({ appUrl, app }) => {
      const { personId, cookie, csrfToken } = await signedInOfficeholder(app);
      const response = await fetch(new URL('/api/support/requests', appUrl), {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          concernFor: 'self',
          situation: ['threat'],
          since: 'this_week',
          acuteDanger: false,
          affected: ['me'],
          contact: { channel: 'phone', phone: '+31 6 1234 5678', when: 'any_time' },
          body: 'Benchmark: een verzonnen hulpvraag.',
        }),
      });
      if (response.status !== 201) throw new Error(`case-detail: creating the case answered ${response.status}`);
      const { caseId } = (await response.json()) as { caseId: string };
      const ctx = systemContext({ personId, roles: ['officeholder'] });
      return {
        request: { path: `/api/cases/${caseId}`, headers: { cookie } },
        baseline: () => getCaseDetail(app.cases, ctx, caseId),
      };
    },
  },
];

/** An active officeholder with a live session, made the way the sign-in routes would leave one. */
async function signedInOfficeholder(app: FastifyInstance) {
  return app.db.transaction(async (tx) => {
    const person = await insertInvitedPerson(
      tx,
      { displayName: 'Bench Ambtsdrager', email: `bench-${Date.now()}@example.invalid`, roles: ['officeholder'] },
      null,
    );
    await tx.update(people).set({ status: 'active', activatedAt: new Date() }).where(eq(people.id, person.id));
    const { token } = await createSession(tx, systemContext(), { personId: person.id, method: 'passkey' }, app.config);
    return {
      personId: person.id,
      cookie: `${sessionCookieName(app.config)}=${token}`,
      csrfToken: csrfTokenFor(app, token),
    };
  });
}
