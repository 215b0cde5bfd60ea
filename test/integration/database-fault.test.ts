import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { parseConfig } from '../../src/server/config.ts';
import { type Database, openDatabase } from '../../src/server/db/index.ts';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { auditLog } from '../../src/server/modules/audit/db.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/verify.ts';
import { caseMessages } from '../../src/server/modules/cases/db.ts';
import { createActor } from '../helpers/actors.ts';
import { NO_REQUEST_LIMIT, submitSupport } from '../helpers/cases.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { onPostgres } from '../helpers/test-database.ts';

/**
 * PostgreSQL goes away under a write load and comes back (a restart, a failover). On a server of its
 * own (scripts/ci/postgres.sh, never the shared one), because this test stops it:
 * - start-up waits for a server that is not there yet;
 * - while it is down, nothing crashes (an unhandled 'error' event would fail this run), writes answer a
 *   calm 503 (never 500) and /readyz says 503;
 * - it recovers by itself: writes and the job runner work again without a restart;
 * - no acknowledged write is lost, and nothing is half done (each message has its audit entry; the
 *   audit chains hold).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = path.join(ROOT, 'scripts/ci/postgres.sh');
const WRITERS = 15;

class ThrowawayPostgres {
  readonly dir: string;
  readonly url: string;
  private readonly bin: string;

  private constructor(dir: string, url: string, bin: string) {
    this.dir = dir;
    this.url = url;
    this.bin = bin;
  }

  static start(): ThrowawayPostgres {
    // The script wants a directory the server's owner can reach: under /tmp, made by itself.
    const dir = path.join('/tmp', `weerbaar-fault-${randomBytes(4).toString('hex')}`);
    const url = execFileSync('bash', [SCRIPT, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')
      .pop() as string;
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    const preferred = versions.includes('15') ? '15' : (versions[0] as string);
    return new ThrowawayPostgres(dir, url, `/usr/lib/postgresql/${preferred}/bin`);
  }

  private pgCtl(args: string[]) {
    const command = [path.join(this.bin, 'pg_ctl'), '-D', path.join(this.dir, 'data'), ...args];
    const asOwner =
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...command]] : [command[0], command.slice(1)];
    execFileSync(asOwner[0] as string, asOwner[1] as string[], { stdio: 'ignore', timeout: 60_000 });
  }

  /** As an administrator (or a failover) does it: every connection is cut at once. */
  stop() {
    this.pgCtl(['-m', 'fast', '-w', '-t', '30', 'stop']);
  }

  start() {
    const port = new URL(this.url).port;
    this.pgCtl([
      '-l',
      path.join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${this.dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  }

  remove() {
    if (existsSync(this.dir)) execFileSync('bash', [SCRIPT, 'stop', this.dir], { stdio: 'ignore' });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(onPostgres)('PostgreSQL going away under load', () => {
  let server: ThrowawayPostgres;
  let database: Database | undefined;
  let t: TestApp | undefined;
  let webDistDir: string;
  const pinged: number[] = [];
  const waits: string[] = [];

  beforeAll(() => {
    server = ThrowawayPostgres.start();
    webDistDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-web-'));
  }, 90_000);

  afterAll(async () => {
    await t?.app.close();
    await database?.close();
    server?.remove();
    rmSync(webDistDir, { recursive: true, force: true });
  }, 90_000);

  it('waits for it at start-up', async () => {
    server.stop();
    const opening = openDatabase({
      kind: 'postgres',
      url: server.url,
      startupWaitMs: 60_000,
      log: { warn: (message) => waits.push(message) },
    });
    await sleep(2_000);
    expect(waits.join('\n')).toContain('PostgreSQL is not accepting connections yet');
    server.start();
    database = await opening;
    expect(await database.isReady()).toBe(true);

    // Without waiting, a server that is not there ends the start at once.
    server.stop();
    await expect(openDatabase({ kind: 'postgres', url: server.url })).rejects.toThrow();
    server.start();
  }, 90_000);

  it('survives a stop and a restart under 15 writers: 503 meanwhile, then back by itself, nothing lost', async () => {
    if (!database) throw new Error('the first test opens the database');
    const keyring = Keyring.generate();
    const config = parseConfig({ NODE_ENV: 'test', ...NO_REQUEST_LIMIT });
    const app = await buildApp({
      config,
      database,
      keyring,
      mailTransport: { local: true, deliver: async () => {} },
      ownsDatabase: false,
      webDistDir,
      logger: false,
      startJobs: true,
    });
    app.jobs.register({
      name: 'test.ping',
      handler: async (data) => {
        pinged.push(Number(data.n));
      },
    });
    await app.ready();
    t = {
      app,
      config,
      keyring,
      sentMail: [],
      testDatabase: { database, destroy: async () => {} },
      close: () => app.close(),
    };
    const requester = await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Heerde' });
    const cases: string[] = [];
    for (let index = 0; index < WRITERS; index++) cases.push((await submitSupport(t, requester)).caseId);

    const acknowledged: { caseId: string; id: string }[] = [];
    const statuses = new Map<number, number>();
    let phase: 'before' | 'down' | 'after' = 'before';
    const okAfterRestart = { count: 0 };
    let running = true;
    const writers = cases.map(async (caseId, writer) => {
      for (let n = 0; running; n++) {
        const response = await app.inject({
          method: 'POST',
          url: `/api/cases/${caseId}/messages`,
          headers: requester.headers,
          payload: { body: `schrijver ${writer} bericht ${n}` },
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode === 201) {
          acknowledged.push({ caseId, id: response.json().id });
          if (phase === 'after') okAfterRestart.count++;
        } else {
          expect(response.statusCode, response.body).toBe(503);
          expect(response.headers['retry-after']).toBe('5');
          expect(response.json()).toMatchObject({ code: 'service_unavailable' });
          await sleep(50);
        }
      }
    });

    await sleep(1_500);
    const beforeStop = acknowledged.length;
    expect(beforeStop).toBeGreaterThan(0);
    server.stop();
    phase = 'down';
    await sleep(2_000);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ code: 'not_ready' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    server.start();
    phase = 'after';
    const deadline = Date.now() + 30_000;
    while ((await app.inject({ method: 'GET', url: '/readyz' })).statusCode !== 200) {
      if (Date.now() > deadline) throw new Error('/readyz did not recover within 30 s');
      await sleep(250);
    }
    const recoveredAt = Date.now();
    while (okAfterRestart.count < WRITERS && Date.now() - recoveredAt < 20_000) await sleep(100);
    running = false;
    await Promise.all(writers);

    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(okAfterRestart.count).toBeGreaterThanOrEqual(WRITERS);

    // Every acknowledged message is there; every stored message has its audit entry (one transaction).
    const ids = acknowledged.map((entry) => entry.id);
    const stored = await database.db
      .select({ id: caseMessages.id })
      .from(caseMessages)
      .where(inArray(caseMessages.id, ids));
    expect(stored).toHaveLength(ids.length);
    for (const caseId of cases) {
      const [messages] = await database.db
        .select({ n: count() })
        .from(caseMessages)
        .where(eq(caseMessages.caseId, caseId));
      const [audited] = await database.db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.recordId, caseId), eq(auditLog.action, 'case.message_posted')));
      expect(audited?.n).toBe(messages?.n);
    }
    expect((await verifyAuditChain(database.db)).firstBreak).toBeNull();

    // The job runner came through too: a job sent now runs.
    await app.jobs.send('test.ping', { n: 1 });
    const jobDeadline = Date.now() + 30_000;
    while (!pinged.includes(1) && Date.now() < jobDeadline) await sleep(250);
    expect(pinged).toContain(1);

    // Every connection was given back: a client leaked during the outage would keep the pool from closing
    // (and, outage after outage, leave requests nothing to connect with).
    await app.close();
    t = undefined;
    const closed = await Promise.race([database.close().then(() => true), sleep(15_000).then(() => false)]);
    database = undefined;
    expect(closed).toBe(true);
  }, 120_000);
});
