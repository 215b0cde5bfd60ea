import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { parseConfig } from '../src/server/config.ts';
import { type Database, openDatabase, rowsOf } from '../src/server/db/index.ts';
import { systemContext } from '../src/server/lib/context.ts';
import { Keyring } from '../src/server/lib/crypto/index.ts';
import { postMessage } from '../src/server/modules/cases/conversation.ts';
import { listQueue } from '../src/server/modules/cases/queue.ts';
import { listMyCases } from '../src/server/modules/cases/read.ts';
import { createMailTransport } from '../src/server/modules/mail/transport.ts';
import { sessionCookieName } from '../src/server/modules/sessions/cookie.ts';
import { csrfTokenFor } from '../src/server/modules/sessions/plugin.ts';
import { createSession } from '../src/server/modules/sessions/service.ts';
import { queueQuerySchema } from '../src/shared/case-queue.ts';
import type { Role } from '../src/shared/roles.ts';
import { type PreparedScenario, startBareServer } from './baseline.ts';
import { createBenchDatabase } from './database.ts';
import { type LoadResult, runLoad } from './load.ts';
import { baseUrl, checkTargets, type LoadSettings, log, measure, productionLogger } from './measure.ts';
import type { ScenarioResult } from './report.ts';
import type { Scenario } from './scenarios.ts';
import { growTo, OPEN_CASES, seedWorld, type VolumeWorld } from './volume-seed.ts';

/**
 * The list and write scenarios at case volumes (PostgreSQL only): the staff queue and "my cases" at
 * each volume (10k, 100k, 1M by default), each next to a bare baseline calling the same service; a cheap
 * read (a person's notifications) alone and while clients refresh the queue without pause; posting a
 * message that notifies 10 people. The volumes are written with SQL (volume-seed.ts) into a database of
 * their own (database.ts), and the app runs with logging as in production.
 */
export const VOLUME_SCENARIO = 'volumes';

export interface VolumeSettings extends LoadSettings {
  volumes: number[];
  /** Seconds of each contention run (the cheap read alone, and under queue load). */
  contentionSeconds: number;
  /** Clients refreshing the queue without pause during the contention run. */
  queueClients: number;
}

export interface VolumeResult {
  volume: number;
  seedSeconds: number;
  results: ScenarioResult[];
}

export interface ContentionResult {
  target: 'app' | 'bare';
  alone: LoadResult;
  underLoad: LoadResult;
  queueLoad: LoadResult;
}

export interface VolumeReport {
  worldSeconds: number;
  openCases: number;
  volumes: VolumeResult[];
  contention: ContentionResult[];
  message: ScenarioResult[];
  /** Per message posted during the message scenario (app and bare together). */
  messageEffects: { messages: number; notificationsPerMessage: number; mailsPerMessage: number };
}

interface Session {
  personId: string;
  roles: Role[];
  cookie: string;
  csrfToken: string;
}

async function signIn(app: FastifyInstance, personId: string, roles: Role[]): Promise<Session> {
  const { token } = await app.db.transaction((tx) =>
    createSession(tx, systemContext(), { personId, method: 'passkey' }, app.config),
  );
  return { personId, roles, cookie: `${sessionCookieName(app.config)}=${token}`, csrfToken: csrfTokenFor(app, token) };
}

const contextOf = (session: Session) => systemContext({ personId: session.personId, roles: session.roles });

/** A scenario of this file: a request and the same service call for the bare baseline. */
function prepared(
  name: string,
  request: Omit<Scenario, 'name' | 'prepare' | 'expectStatus'>,
  baseline: () => Promise<unknown>,
  expectStatus?: number,
): PreparedScenario {
  const scenario: Scenario = {
    name,
    ...request,
    ...(expectStatus ? { expectStatus } : {}),
    prepare: async () => ({ baseline }),
  };
  return { scenario, request, baseline };
}

function listScenarios(app: FastifyInstance, people: Record<'confidant' | 'coordinator' | 'requester', Session>) {
  const queue = (session: Session, query: string) => {
    const parsed = queueQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
    return () => listQueue(app.cases, contextOf(session), parsed);
  };
  const confidantQuery = 'type=support';
  const coordinatorQuery = 'type=support&view=late&sort=due&order=asc';
  return [
    prepared(
      'queue-confidant',
      { method: 'GET', path: `/api/cases/queue?${confidantQuery}`, headers: { cookie: people.confidant.cookie } },
      queue(people.confidant, confidantQuery),
    ),
    prepared(
      'queue-coordinator',
      { method: 'GET', path: `/api/cases/queue?${coordinatorQuery}`, headers: { cookie: people.coordinator.cookie } },
      queue(people.coordinator, coordinatorQuery),
    ),
    prepared(
      'my-cases',
      { method: 'GET', path: '/api/me/cases', headers: { cookie: people.requester.cookie } },
      async () => ({ cases: await listMyCases(app.cases, contextOf(people.requester)) }),
    ),
  ];
}

/** Each scenario with a bare server of its own (two scenarios may share a path, as the queue's do). */
async function measureEach(settings: LoadSettings, scenarios: PreparedScenario[], appUrl: string) {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const bare = await startBareServer([scenario]);
    try {
      await checkTargets([scenario], appUrl, baseUrl(bare));
      results.push(...(await measure(settings, [scenario], appUrl, baseUrl(bare))));
    } finally {
      await bare.close();
    }
  }
  return results;
}

/** The cheap read alone, then while `queueClients` connections refresh the coordinator's queue. */
async function contention(
  settings: VolumeSettings,
  cheap: PreparedScenario,
  queue: PreparedScenario,
  appUrl: string,
): Promise<ContentionResult[]> {
  const bare = await startBareServer([cheap, queue]);
  try {
    await checkTargets([cheap], appUrl, baseUrl(bare));
    const results: ContentionResult[] = [];
    for (const [target, url] of [
      ['app', appUrl],
      ['bare', baseUrl(bare)],
    ] as const) {
      const job = (scenario: PreparedScenario, connections: number) => ({
        ...scenario.request,
        url,
        connections,
        seconds: settings.contentionSeconds,
      });
      log(`contention (${target}): the cheap read alone, ${settings.contentionSeconds} s`);
      const alone = await runLoad(job(cheap, 1));
      log(`contention (${target}): the cheap read while ${settings.queueClients} clients refresh the queue`);
      const [underLoad, queueLoad] = await Promise.all([
        runLoad(job(cheap, 1)),
        runLoad(job(queue, settings.queueClients)),
      ]);
      results.push({ target, alone, underLoad, queueLoad });
    }
    return results;
  } finally {
    await bare.close();
  }
}

/** What the message scenario left: messages by the confidant, their notifications, the notice mails. */
async function messageCounts(database: Database, world: VolumeWorld) {
  const [row] = rowsOf<{ messages: number; notifications: number; mails: number }>(
    await database.db.execute(sql`
      SELECT (SELECT count(*)::int FROM case_messages
                WHERE case_id = ${world.messageCaseId} AND author_id = ${world.confidantId}) AS messages,
             (SELECT count(*)::int FROM notifications
                WHERE subject_id = ${world.messageCaseId} AND kind = 'case_message') AS notifications,
             (SELECT count(*)::int FROM mail_outbox WHERE kind = 'notice') AS mails`),
  );
  return { messages: row?.messages ?? 0, notifications: row?.notifications ?? 0, mails: row?.mails ?? 0 };
}

export async function runVolumes(settings: VolumeSettings, serverUrl: string): Promise<VolumeReport> {
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const target = await createBenchDatabase(serverUrl);
    if (process.env.BENCH_KEEP_DATABASE !== '1') cleanups.push(() => target.drop());
    const database = await openDatabase({ kind: 'postgres', url: target.url });
    cleanups.push(() => database.close());
    const tempDir = await mkdtemp(path.join(tmpdir(), 'weerbaar-bench-volumes-'));
    cleanups.push(() => rm(tempDir, { recursive: true, force: true }));

    let started = Date.now();
    const world = await seedWorld(database.db);
    const worldSeconds = (Date.now() - started) / 1000;
    log(`volumes: people and ${OPEN_CASES} open cases written in ${worldSeconds.toFixed(1)} s (${target.url})`);

    const config = parseConfig({
      NODE_ENV: 'production',
      // Production's settings, but its mail stays in the local outbox (there is no SMTP server in a bench).
      ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: target.url,
      EVIDENCE_DIR: path.join(tempDir, 'evidence'),
    });
    const app = await buildApp({
      config,
      database,
      keyring: Keyring.generate(),
      ownsDatabase: false,
      logger: productionLogger(config, path.join(tempDir, 'app.log')),
      // Local mode, as without SMTP: the outbox keeps the mails; the console copy is left out of the output.
      mailTransport: createMailTransport(config, () => {}),
    });
    cleanups.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const appUrl = baseUrl(app);

    const [confidant, coordinator, requester, reader] = await Promise.all([
      signIn(app, world.confidantId, ['confidant']),
      signIn(app, world.coordinatorId, ['ot_coordinator']),
      signIn(app, world.requesterId, ['officeholder']),
      signIn(app, world.readerId, ['officeholder']),
    ]);
    const lists = listScenarios(app, { confidant, coordinator, requester });

    const numbers = { next: 0 };
    const volumes: VolumeResult[] = [];
    for (const volume of settings.volumes) {
      started = Date.now();
      const count = await growTo(database.db, volume, numbers);
      const seedSeconds = (Date.now() - started) / 1000;
      log(`volumes: ${count} cases (written in ${seedSeconds.toFixed(1)} s)`);
      volumes.push({ volume: count, seedSeconds, results: await measureEach(settings, lists, appUrl) });
    }

    const cheap = prepared(
      'cheap-read',
      { method: 'GET', path: '/api/me/notifications', headers: { cookie: reader.cookie } },
      () => app.notifications.list(contextOf(reader)),
    );
    const queue = lists.find((scenario) => scenario.scenario.name === 'queue-coordinator');
    if (!queue) throw new Error('the coordinator queue scenario is missing');
    const contentionResults = await contention(settings, cheap, queue, appUrl);

    const body = 'Ik heb uw bericht gelezen en bel u vanmiddag.';
    const message = prepared(
      'message-10-notified',
      {
        method: 'POST',
        path: `/api/cases/${world.messageCaseId}/messages`,
        headers: { cookie: confidant.cookie, 'x-csrf-token': confidant.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ body }),
      },
      () => postMessage(app.cases, contextOf(confidant), world.messageCaseId, body),
      201,
    );
    const before = await messageCounts(database, world);
    const messageResults = await measureEach(settings, [message], appUrl);
    // The mails go out after each commit; the delivery still running finishes before counting and closing.
    await app.mail.flush();
    const after = await messageCounts(database, world);
    const messages = after.messages - before.messages;
    const per = (key: 'notifications' | 'mails') => (messages > 0 ? (after[key] - before[key]) / messages : 0);
    return {
      worldSeconds,
      openCases: OPEN_CASES,
      volumes,
      contention: contentionResults,
      message: messageResults,
      messageEffects: { messages, notificationsPerMessage: per('notifications'), mailsPerMessage: per('mails') },
    };
  } finally {
    for (const step of cleanups.reverse()) await step().catch((error: unknown) => console.error('cleanup:', error));
  }
}

const ms = (value: number) => value.toFixed(1);

/** The volume tables: p99 per scenario and volume (app and bare), growth from the first to the last. */
export function formatVolumes(report: VolumeReport): string {
  const lines: string[] = [];
  const names = report.volumes[0]?.results.map((result) => result.name) ?? [];
  const header = [
    'scenario',
    'target',
    ...report.volumes.map((v) => `p99 (mean) ms @ ${v.volume.toLocaleString('en')}`),
  ];
  const first = report.volumes[0];
  const last = report.volumes.at(-1);
  header.push(`growth ${first?.volume.toLocaleString('en')} → ${last?.volume.toLocaleString('en')}`, 'app/bare p99');
  const rows: string[][] = [];
  for (const name of names) {
    for (const target of ['app', 'bare'] as const) {
      const summaries = report.volumes.map((v) => v.results.find((r) => r.name === name)?.[target]);
      const p99s = summaries.map((summary) => summary?.latencyP99Ms ?? 0);
      const lastResult = last?.results.find((r) => r.name === name);
      rows.push([
        target === 'app' ? `${name} (${lastResult?.method} ${lastResult?.path})` : '',
        target,
        ...summaries.map((summary) => `${ms(summary?.latencyP99Ms ?? 0)} (${ms(summary?.latencyMeanMs ?? 0)})`),
        `${((p99s.at(-1) ?? 0) / (p99s[0] || Number.NaN)).toFixed(2)}×`,
        target === 'app' && lastResult ? `${lastResult.ratio.latencyP99.toFixed(2)}× (last volume)` : '',
      ]);
    }
  }
  lines.push(table(header, rows));
  lines.push('');
  lines.push(
    `Seeding: people and ${report.openCases} open cases in ${report.worldSeconds.toFixed(1)} s; ` +
      report.volumes.map((v) => `to ${v.volume.toLocaleString('en')} in ${v.seedSeconds.toFixed(1)} s`).join(', '),
  );
  lines.push('');
  lines.push(
    table(
      [
        'cheap read (GET /api/me/notifications)',
        'p99 alone',
        'p99 under queue load',
        'ratio',
        'queue req/s',
        'queue p99',
      ],
      report.contention.map((c) => [
        c.target,
        ms(c.alone.latencyP99Ms),
        ms(c.underLoad.latencyP99Ms),
        `${(c.underLoad.latencyP99Ms / (c.alone.latencyP99Ms || Number.NaN)).toFixed(2)}×`,
        c.queueLoad.requestsPerSecond.toFixed(0),
        ms(c.queueLoad.latencyP99Ms),
      ]),
    ),
  );
  const [posting] = report.message;
  if (posting) {
    lines.push('');
    lines.push(
      table(
        ['message, 10 notified', 'req/s', 'p99 ms', 'mean ms', 'non-2xx', 'app/bare p99'],
        (['app', 'bare'] as const).map((target) => [
          target,
          posting[target].requestsPerSecond.toFixed(0),
          ms(posting[target].latencyP99Ms),
          posting[target].latencyMeanMs.toFixed(2),
          String(posting[target].non2xx),
          target === 'app' ? `${posting.ratio.latencyP99.toFixed(2)}×` : '',
        ]),
      ),
    );
    const effects = report.messageEffects;
    lines.push(
      `${effects.messages} messages posted: ${effects.notificationsPerMessage.toFixed(2)} notifications and ` +
        `${effects.mailsPerMessage.toFixed(2)} notice mails per message.`,
    );
  }
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
