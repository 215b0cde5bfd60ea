import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEFAULT_WEB_DIST } from '../../src/server/app.ts';
import { parseConfig } from '../../src/server/config.ts';
import { openDatabase, rowsOf } from '../../src/server/db/index.ts';
import { loadKeyring } from '../../src/server/lib/crypto/index.ts';
import { ensureWebBuild } from '../../src/server/lib/web-build.ts';
import { signInThrottle } from '../../src/server/modules/auth/db.ts';
import { AUTH_RATE_LIMIT } from '../../src/server/modules/auth/rate-limit.ts';
import { caseEvents } from '../../src/server/modules/cases/db.ts';
import { mailOutbox } from '../../src/server/modules/mail/db.ts';
import { notifications } from '../../src/server/modules/notifications/db.ts';
import { PROMOTE_SWEEP_JOB } from '../../src/server/modules/training/waitlist.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import { activateWithPassword, forgetLastTotpStep, type PasswordAccount, totpCode } from '../helpers/auth-kit.ts';
import { supportRequest } from '../helpers/cases.ts';
import {
  eventually,
  freePort,
  type Instance,
  startInstance,
  stopInstance,
  waitUntilReady,
} from '../helpers/instances.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { createThrowawayDatabase, dropDatabase, onPostgres } from '../helpers/test-database.ts';

/**
 * Two real server processes (A and B, as `npm start` runs them) on one PostgreSQL database with the same
 * keys, as behind a load balancer, started at the same moment on an empty database. Over HTTP: sign-in failures on both count towards one throttle, the
 * request cap of @fastify/rate-limit counts across both, a session started on A works on B, a reminder
 * job scheduled once is delivered once (its notification, its mail, the mail's one delivery), a cron
 * schedule both run makes one job per occurrence, and once A is killed (SIGKILL) B goes on serving. The accounts are made by an app in this process on the same
 * database (a third instance that serves no HTTP and runs no jobs).
 *
 * PostgreSQL only: an embedded PGlite belongs to one process.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIL_PRINT = 'Mail (local mode, not sent) to ';

interface Answer {
  status: number;
  headers: Headers;
  body: string;
  json(): Record<string, unknown>;
}

async function http(
  instance: Instance,
  method: 'GET' | 'POST',
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; ip: string },
): Promise<Answer> {
  const response = await fetch(`${instance.baseUrl}${url}`, {
    method,
    headers: {
      // Behind the (trusted) proxy, every test picks its own client address: throttles and caps are per address.
      'x-forwarded-for': options.ip,
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body) };
}

describe.skipIf(onPostgres)('several instances on one PostgreSQL', () => {
  it.skip('needs TEST_DATABASE_URL (npm run test:pg): an embedded PGlite cannot be shared by two processes', () => {});
});

describe.runIf(onPostgres)('several instances on one PostgreSQL', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'weerbaar-instances-'));
  let serverUrl: string;
  let databaseUrl: string;
  let fixture: TestApp;
  let a: Instance;
  let b: Instance;
  let signer: PasswordAccount;
  let guessed: PasswordAccount;
  let requester: TestActor;
  let coordinator: TestActor;
  let caseId: string;
  let sessionCookie: string;

  const signIn = (instance: Instance, account: PasswordAccount, code: string, ip: string) =>
    http(instance, 'POST', '/api/auth/password', {
      body: { email: account.email, password: account.password, totpCode: code },
      ip,
    });

  beforeAll(async () => {
    serverUrl = process.env.TEST_DATABASE_URL as string;
    // Both processes would otherwise each build a missing web app, at the same time, into one folder.
    await ensureWebBuild(ROOT, DEFAULT_WEB_DIST, () => {});
    databaseUrl = await createThrowawayDatabase(serverUrl);
    const masterKey = randomBytes(32).toString('hex');
    const [portA, portB] = [await freePort(), await freePort()];
    // One address for both, as a load balancer in front would have it.
    const publicUrl = `http://127.0.0.1:${portA}`;
    const common = {
      PUBLIC_URL: publicUrl,
      DATABASE_URL: databaseUrl,
      MASTER_KEY: masterKey,
      EVIDENCE_DIR: path.join(work, 'evidence'),
    };

    const instanceEnv = (name: string) => ({
      ...common,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: path.join(work, name),
      SMTP_URL: '',
      // The instances share one checkpoint log; appends are serialised by an advisory lock.
      AUDIT_CHECKPOINT_FILE: path.join(work, 'audit-checkpoints.jsonl'),
      TRUST_PROXY: '127.0.0.1',
      // An urgent request's first response is due in a minute, its reminder 15 s before.
      SUPPORT_FIRST_RESPONSE_URGENT_MINUTES: '1',
    });
    // Both start at once on the empty database: migrations and content loading are serialised by locks.
    a = startInstance('A', portA, instanceEnv('a'));
    b = startInstance('B', portB, instanceEnv('b'));
    await Promise.all([waitUntilReady(a), waitUntilReady(b)]);

    // The fixture app makes the accounts; it runs no jobs (NODE_ENV=test).
    const config = parseConfig({
      ...common,
      NODE_ENV: 'test',
      AUDIT_CHECKPOINT_FILE: path.join(work, 'fixture-checkpoints.jsonl'),
    });
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 4 });
    const { keyring } = loadKeyring({ masterKey, dataDir: path.join(work, 'fixture') });
    const app = await buildApp({
      config,
      database,
      keyring,
      mailTransport: { local: true, deliver: async () => {} },
      logger: false,
    });
    await app.ready();
    fixture = {
      app,
      config,
      keyring,
      sentMail: [],
      testDatabase: { database, url: databaseUrl, destroy: () => database.close() },
      close: () => app.close(),
    };
    signer = await activateWithPassword(fixture);
    guessed = await activateWithPassword(fixture);
    requester = await createActor(fixture, ['officeholder'], { office: 'burgemeester', region: 'Heerde' });
    coordinator = await createActor(fixture, ['ot_coordinator'], { displayName: 'Coördinator K' });
  }, 600_000);

  afterAll(async () => {
    await Promise.all([a && stopInstance(a), b && stopInstance(b)]);
    await fixture?.close();
    if (databaseUrl) await dropDatabase(serverUrl, databaseUrl);
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('takes an urgent request on A, whose reminder job is then due in 45 s', async () => {
    const created = await http(a, 'POST', '/api/support/requests', {
      body: supportRequest({ acuteDanger: true }),
      headers: requester.headers,
      ip: '198.51.100.10',
    });
    expect(created.status, created.body).toBe(201);
    caseId = String(created.json().caseId);
  }, 120_000);

  it('counts sign-in failures on A and B towards one throttle', async () => {
    const ip = '198.51.100.20';
    const wrongCode = await totpCode(guessed.secret, 10);
    // Five wrong authenticator codes with the right password: three on A, two on B. Each process alone saw
    // fewer than the limit of five, so only a count shared through the database blocks the account now.
    for (const [attempt, instance] of [a, a, a, b, b].entries()) {
      const answer = await signIn(instance, guessed, wrongCode, ip);
      expect(answer.status, `attempt ${attempt + 1} on ${instance.name}: ${answer.body}`).toBe(401);
    }
    await forgetLastTotpStep(fixture, guessed.personId);
    for (const instance of [a, b]) {
      // The account's own back-off (seconds, 429) may still run: wait it out as a client would.
      let answer = await signIn(instance, guessed, await totpCode(guessed.secret), ip);
      for (let retries = 0; answer.status === 429 && retries < 10; retries++) {
        expect(answer.json().code).toBe('sign_in_throttled');
        await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get('retry-after')) * 1000 + 100));
        answer = await signIn(instance, guessed, await totpCode(guessed.secret), ip);
      }
      // The right password and the right code, refused: the second factor is blocked for 15 minutes.
      expect(answer.status, `right credentials on ${instance.name}: ${answer.body}`).toBe(401);
      expect(answer.json().code).toBe('sign_in_failed');
    }
    // They were right: once the counts are gone (15 quiet minutes, here deleted), the same sign-in works.
    await fixture.app.db.delete(signInThrottle);
    await forgetLastTotpStep(fixture, guessed.personId);
    const after = await signIn(b, guessed, await totpCode(guessed.secret), ip);
    expect(after.status, after.body).toBe(200);
  }, 120_000);

  it('counts the request cap of @fastify/rate-limit across A and B', async () => {
    const ip = '198.51.100.30';
    const max = AUTH_RATE_LIMIT.max as number;
    for (let i = 0; i < max; i++) {
      const instance = i % 2 === 0 ? a : b;
      const answer = await http(instance, 'POST', '/api/auth/passkey/options', { body: {}, ip });
      expect(answer.status, `request ${i + 1} on ${instance.name}: ${answer.body}`).toBe(200);
    }
    // Each saw half the cap; a count in each process's memory would still let both answer.
    for (const instance of [a, b]) {
      const refused = await http(instance, 'POST', '/api/auth/passkey/options', { body: {}, ip });
      expect(refused.status, `on ${instance.name}`).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'rate_limited' });
    }
    // Another address is not affected.
    expect((await http(a, 'POST', '/api/auth/passkey/options', { body: {}, ip: '198.51.100.31' })).status).toBe(200);
  }, 120_000);

  it('accepts a session started on A on B, reads and writes', async () => {
    const ip = '198.51.100.40';
    await forgetLastTotpStep(fixture, signer.personId);
    const signedIn = await signIn(a, signer, await totpCode(signer.secret), ip);
    expect(signedIn.status, signedIn.body).toBe(200);
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith('weerbaar_session='));
    expect(cookie).toBeDefined();
    sessionCookie = (cookie as string).split(';')[0] as string;

    const onB = await http(b, 'GET', '/api/auth/session', { headers: { cookie: sessionCookie }, ip });
    expect(onB.status).toBe(200);
    const session = onB.json() as { person: { id: string } | null; csrfToken: string };
    expect(session.person?.id).toBe(signer.personId);
    // A change on B with the CSRF token of the session A started.
    const marked = await http(b, 'POST', '/api/me/notifications/read', {
      body: {},
      headers: { cookie: sessionCookie, 'x-csrf-token': session.csrfToken },
      ip,
    });
    expect(marked.status, marked.body).toBe(200);
    expect((await http(a, 'GET', '/api/me/notifications', { headers: { cookie: sessionCookie }, ip })).status).toBe(
      200,
    );
  }, 120_000);

  /** Mails to the coordinator: rows in the outbox, and how often A and B printed one (local mode's delivery). */
  async function coordinatorMail() {
    const rows = await fixture.app.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, coordinator.email));
    const printed = (a.output() + b.output()).split(`${MAIL_PRINT}${coordinator.email}\n`).length - 1;
    return { rows, printed };
  }

  it('sends the reminder (and the escalation after it) once, whichever instance runs the job', async () => {
    const kinds = async () =>
      (
        await fixture.app.db
          .select({ kind: caseEvents.kind })
          .from(caseEvents)
          .where(and(eq(caseEvents.caseId, caseId), inArray(caseEvents.kind, ['reminder_sent', 'escalated'])))
      ).map((row) => row.kind);
    const events = await eventually(
      'the reminder and the escalation',
      async () => {
        const found = await kinds();
        return found.includes('reminder_sent') && found.includes('escalated') ? found : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 1_000 },
    );
    expect(events.sort()).toEqual(['escalated', 'reminder_sent']);

    const notified = await fixture.app.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.personId, coordinator.personId), eq(notifications.subjectId, caseId)));
    const kindsNotified = notified.map((row) => row.kind);
    expect(kindsNotified.filter((kind) => kind === 'case_due_soon')).toHaveLength(1);
    expect(kindsNotified.filter((kind) => kind === 'case_late')).toHaveLength(1);

    // Every notice mail delivered, each by one instance only.
    const mail = await eventually(
      'the coordinator’s mail to be delivered',
      async () => {
        const now = await coordinatorMail();
        return now.rows.length > 0 && now.rows.every((row) => row.sentAt !== null) ? now : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(mail.rows).toHaveLength(notified.length);
    expect(mail.printed).toBe(mail.rows.length);
  }, 360_000);

  it('files each cron occurrence once, though both instances run the schedule', async () => {
    // training.promote-sweep runs every minute; both instances have been up for more than one. Each
    // occurrence is forwarded once per slot (pg-boss's send-it queue) and becomes one job of the queue.
    const counts = async () => {
      const [row] = rowsOf<{ occurrences: number; jobs: number }>(
        await fixture.app.db.execute(sql`
          SELECT
            (SELECT count(DISTINCT singleton_on)::int FROM pgboss.job
              WHERE name = '__pgboss__send-it' AND data->>'name' = ${PROMOTE_SWEEP_JOB}) AS occurrences,
            (SELECT count(*)::int FROM pgboss.job WHERE name = ${PROMOTE_SWEEP_JOB}) AS jobs`),
      );
      return { occurrences: Number(row?.occurrences), jobs: Number(row?.jobs) };
    };
    const settled = await eventually(
      'every occurrence forwarded to its queue',
      async () => {
        const now = await counts();
        // More jobs than occurrences would be a double run, and could never settle.
        expect(now.jobs).toBeLessThanOrEqual(now.occurrences);
        return now.occurrences >= 1 && now.jobs === now.occurrences ? now : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    expect(settled.jobs).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('goes on serving on B after A is killed', async () => {
    a.child.kill('SIGKILL');
    await a.exited;
    await expect(fetch(`${a.baseUrl}/healthz`)).rejects.toThrow();

    const ip = '198.51.100.50';
    expect((await http(b, 'GET', '/readyz', { ip })).status).toBe(200);
    // The session A started still works.
    const session = await http(b, 'GET', '/api/auth/session', { headers: { cookie: sessionCookie }, ip });
    expect((session.json() as { person: { id: string } | null }).person?.id).toBe(signer.personId);
    // A write, whose notice mail B delivers.
    const before = await coordinatorMail();
    const created = await http(b, 'POST', '/api/support/requests', {
      body: supportRequest(),
      headers: requester.headers,
      ip,
    });
    expect(created.status, created.body).toBe(201);
    const after = await eventually(
      'B to deliver the new request’s notice',
      async () => {
        const now = await coordinatorMail();
        return now.rows.length > before.rows.length && now.rows.every((row) => row.sentAt !== null) ? now : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(after.printed).toBe(after.rows.length);
    // And a new sign-in.
    await forgetLastTotpStep(fixture, signer.personId);
    const signedIn = await signIn(b, signer, await totpCode(signer.secret), ip);
    expect(signedIn.status, signedIn.body).toBe(200);
  }, 120_000);
});
