import { asc, eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { systemContext } from '../src/server/lib/context.ts';
import { people } from '../src/server/modules/people/db.ts';
import { insertInvitedPerson } from '../src/server/modules/people/repository.ts';
import { sessionCookieName } from '../src/server/modules/sessions/cookie.ts';
import { csrfTokenFor } from '../src/server/modules/sessions/plugin.ts';
import { createSession as createSignInSession } from '../src/server/modules/sessions/service.ts';
import { trainingEnrolments, trainingSessions } from '../src/server/modules/training/db.ts';
import { enrol } from '../src/server/modules/training/enrolment.ts';
import { createOffering } from '../src/server/modules/training/offerings.ts';
import { createSession } from '../src/server/modules/training/sessions.ts';
import { DJI_TRAINING_DEFAULTS } from '../src/shared/training.ts';
import { dutchLocal } from '../src/shared/training-time.ts';
import { type BurstResult, runBurst } from './burst-load.ts';
import type { BenchRequest, PrepareContext } from './scenarios.ts';

/**
 * Bursts: many different people doing one thing at the same moment (not a steady load like the
 * autocannon scenarios), fired once at the app and once at a bare baseline that calls the same service
 * without the app around it, each on its own session of the same size. After each burst a check on
 * the database says whether the outcome is right (e.g. no session overbooked).
 */
export interface BurstScenario {
  name: string;
  prepare(context: PrepareContext): Promise<PreparedBurst>;
}

export interface PreparedBurst {
  /** Shown in the table, e.g. `POST /api/training/sessions/:sessionId/enrolments`. */
  label: string;
  app: BenchRequest[];
  bare: BenchRequest[];
  /** The baseline's one route: the same service call, the person from a header, no session or checks. */
  bareRoute: { method: 'POST'; url: string; handler: (request: FastifyRequest) => Promise<unknown> };
  check(target: 'app' | 'bare'): Promise<Record<string, number>>;
}

export interface BurstScenarioResult {
  name: string;
  label: string;
  app: BurstResult & { check: Record<string, number> };
  bare: BurstResult & { check: Record<string, number> };
}

const SIZE = Number(process.env.BENCH_BURST_SIZE || 200);
const SEATS = Number(process.env.BENCH_BURST_SEATS || 20);
const DAY = 86_400_000;

export const bursts: BurstScenario[] = [
  {
    // 200 office holders enrol in one session of 20 seats at the same moment: the seat counter under the
    // session's row lock must give exactly 20 seats and 180 waiting-list places numbered 1..180.
    name: 'enrolment-burst',
    prepare: async ({ app }) => {
      const coordinator = systemContext({
        personId: (await person(app, 'training_coordinator')).personId,
        roles: ['training_coordinator'],
      });
      const offering = await createOffering(app.training, coordinator, {
        ...DJI_TRAINING_DEFAULTS,
        audience: [...DJI_TRAINING_DEFAULTS.audience],
      });
      const day = (days: number) => dutchLocal(new Date(Date.now() + days * DAY)).date;
      const plan = () =>
        createSession(app.training, coordinator, {
          offeringId: offering.id,
          parts: [{ date: day(30), start: '09:00', end: '17:00' }],
          city: 'Utrecht',
          venue: 'Bench',
          capacity: SEATS,
          enrolmentDeadline: { date: day(20), time: '17:00' },
        });
      const sessions = { app: await plan(), bare: await plan() };
      const appPeople = await Promise.all(Array.from({ length: SIZE }, () => person(app, 'officeholder')));
      const barePeople = await Promise.all(Array.from({ length: SIZE }, () => person(app, 'officeholder')));
      const path = (id: string) => `/api/training/sessions/${id}/enrolments`;
      return {
        label: `POST /api/training/sessions/:sessionId/enrolments (${SIZE} people, ${SEATS} seats)`,
        app: appPeople.map((p) => ({
          method: 'POST',
          path: path(sessions.app.id),
          headers: { cookie: p.cookie, 'x-csrf-token': p.csrfToken },
        })),
        bare: barePeople.map((p) => ({
          method: 'POST',
          path: path(sessions.bare.id),
          headers: { 'x-bench-person': p.personId },
        })),
        bareRoute: {
          method: 'POST',
          url: '/api/training/sessions/:sessionId/enrolments',
          handler: (request) =>
            enrol(
              app.training,
              systemContext({ personId: String(request.headers['x-bench-person']), roles: ['officeholder'] }),
              (request.params as { sessionId: string }).sessionId,
            ),
        },
        check: (target) => seatCheck(app, sessions[target].id),
      };
    },
  },
];

/** Seats and waiting list as the database holds them; `overbooked` and `waitlistGaps` must be 0. */
async function seatCheck(app: FastifyInstance, sessionId: string): Promise<Record<string, number>> {
  const [session] = await app.db.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
  const rows = await app.db
    .select({ status: trainingEnrolments.status, n: trainingEnrolments.waitlistNumber })
    .from(trainingEnrolments)
    .where(eq(trainingEnrolments.sessionId, sessionId))
    .orderBy(asc(trainingEnrolments.waitlistNumber));
  const confirmed = rows.filter((row) => row.status === 'confirmed').length;
  const numbers = rows.filter((row) => row.status === 'waiting').map((row) => row.n ?? 0);
  const gaps = numbers.filter((n, index) => n !== index + 1).length;
  const capacity = session?.capacity ?? 0;
  return {
    capacity,
    confirmed,
    counter: session?.confirmedCount ?? 0,
    waiting: numbers.length,
    overbooked: Math.max(0, confirmed - capacity),
    waitlistGaps: gaps,
  };
}

/** An active person with one role and a live session, made the way the sign-in routes leave one. */
async function person(app: FastifyInstance, role: 'officeholder' | 'training_coordinator') {
  return app.db.transaction(async (tx) => {
    const created = await insertInvitedPerson(
      tx,
      {
        displayName: 'Bench',
        email: `bench-${crypto.randomUUID()}@example.invalid`,
        roles: [role],
        ...(role === 'officeholder' ? { office: 'burgemeester' } : {}),
      },
      null,
    );
    await tx.update(people).set({ status: 'active', activatedAt: new Date() }).where(eq(people.id, created.id));
    const { token } = await createSignInSession(
      tx,
      systemContext(),
      { personId: created.id, method: 'passkey' },
      app.config,
    );
    return {
      personId: created.id,
      cookie: `${sessionCookieName(app.config)}=${token}`,
      csrfToken: csrfTokenFor(app, token),
    };
  });
}

async function bareServer(route: PreparedBurst['bareRoute']): Promise<{ server: FastifyInstance; url: string }> {
  const server = Fastify({ logger: false });
  server.route({
    method: route.method,
    url: route.url,
    handler: async (request, reply) => {
      try {
        return reply.status(201).send(await route.handler(request));
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500;
        return reply.status(status).send({ error: String(error) });
      }
    },
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('bare burst server is not on a TCP port');
  return { server, url: `http://127.0.0.1:${address.port}` };
}

/** Prepares and fires each burst: the app first, then the bare baseline (each on a session of its own). */
export async function runBursts(
  selected: readonly BurstScenario[],
  context: PrepareContext,
  log: (message: string) => void,
): Promise<BurstScenarioResult[]> {
  const results: BurstScenarioResult[] = [];
  for (const scenario of selected) {
    log(`${scenario.name}: preparing`);
    const prepared = await scenario.prepare(context);
    const bare = await bareServer(prepared.bareRoute);
    try {
      log(`${scenario.name}: ${prepared.app.length} requests at once against the app`);
      const app = await runBurst({ url: context.appUrl, requests: prepared.app });
      log(`${scenario.name}: ${prepared.bare.length} requests at once against the bare baseline`);
      const baseline = await runBurst({ url: bare.url, requests: prepared.bare });
      results.push({
        name: scenario.name,
        label: prepared.label,
        app: { ...app, check: await prepared.check('app') },
        bare: { ...baseline, check: await prepared.check('bare') },
      });
    } finally {
      await bare.server.close();
    }
  }
  return results;
}

export function formatBursts(results: readonly BurstScenarioResult[]): string {
  const header = ['burst', 'target', 'requests', 'wall ms', 'p50 ms', 'p99 ms', 'max ms', 'statuses', 'check'];
  const rows = results.flatMap((result) =>
    (['app', 'bare'] as const).map((target) => {
      const r = result[target];
      return [
        target === 'app' ? `${result.name}: ${result.label}` : '',
        target,
        String(r.requests),
        r.wallMs.toFixed(0),
        r.latencyP50Ms.toFixed(1),
        r.latencyP99Ms.toFixed(1),
        r.latencyMaxMs.toFixed(1),
        Object.entries(r.statusCodes)
          .map(([code, n]) => `${code}×${n}`)
          .join(' ') + (r.errors ? ` errors×${r.errors}` : ''),
        Object.entries(r.check)
          .map(([key, value]) => `${key} ${value}`)
          .join(', '),
      ];
    }),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
