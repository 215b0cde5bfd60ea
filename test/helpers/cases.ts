import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { type BuildAppOptions, buildApp } from '../../src/server/app.ts';
import { parseConfig } from '../../src/server/config.ts';
import { type Database, rowsOf } from '../../src/server/db/index.ts';
import type { Keyring } from '../../src/server/lib/crypto/index.ts';
import type { OutgoingMail } from '../../src/server/modules/mail/transport.ts';
import type { SipaDetails, SipaRequest } from '../../src/shared/sipa.ts';
import type { SupportRequest } from '../../src/shared/support.ts';
import { createActor, type TestActor } from './actors.ts';
import type { TestApp } from './test-app.ts';

/** Helpers for the case tests (test/integration/case-*.test.ts). */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function call(
  t: TestApp,
  actor: TestActor | null,
  method: Method,
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: actor?.headers ?? {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

/**
 * For tests that make many requests as one person (the authorization matrix, the state-machine walks):
 * a request limit out of their way. The limit itself is tested in case-settings.test.ts.
 */
export const NO_REQUEST_LIMIT = { SUPPORT_MAX_REQUESTS_PER_DAY: '1000', SIPA_MAX_REQUESTS_PER_DAY: '1000' };

export function supportRequest(overrides: Partial<SupportRequest> = {}): SupportRequest {
  return {
    concernFor: 'self',
    situation: ['threat'],
    since: 'this_week',
    acuteDanger: false,
    affected: ['me'],
    contact: { channel: 'phone', phone: '+31 6 1234 5678', when: 'any_time' },
    body: 'Ik word bedreigd.',
    ...overrides,
  };
}

/** A SIPA request as SIPA's process has it: who asks, the topic, a number and times to call. */
export function sipaRequest(overrides: Partial<SipaRequest> = {}): SipaRequest {
  return {
    capacity: 'burgemeester',
    organisation: 'Gemeente Heerde',
    topic: 'conflict_of_interest',
    phone: '06 1234 5678',
    callTimes: ['morning', 'afternoon'],
    urgent: false,
    ...overrides,
  };
}

/** What the requester shares after the phone intake. */
export function sipaDetails(overrides: Partial<SipaDetails> = {}): SipaDetails {
  return {
    signal: {
      what: 'Een wethouder zou een opdracht aan een familielid hebben gegund.',
      since: 'this_month',
      source: 'media',
    },
    personConcerned: { name: 'J. Jansen', position: 'wethouder' },
    answers: { doneSoFar: 'Gesprek met de griffier.', question: 'Moet ik een onafhankelijk onderzoek laten doen?' },
    ...overrides,
  };
}

/**
 * A SIPA request through SIPA's process up to the advisor's work: the advisor takes it (unless
 * `takeFirst` is false: taken already) and records the
 * phone intake (details agreed), the requester shares the details and, unless `confirm` is false, the
 * advisor confirms there is no conflict of interest.
 */
export async function sipaThroughIntake(
  t: TestApp,
  requester: TestActor,
  advisor: TestActor,
  caseId: string,
  options: { details?: Partial<SipaDetails>; confirm?: boolean; takeFirst?: boolean } = {},
): Promise<void> {
  const base = `/api/cases/${caseId}`;
  if (options.takeFirst !== false) await expectStatus(await call(t, advisor, 'POST', `${base}/take`, {}), 200, 'take');
  const intake = { heldAt: new Date().toISOString(), agreement: 'share_details', message: 'U deelt de stukken.' };
  await expectStatus(await call(t, advisor, 'POST', `${base}/sipa/intake`, intake), 200, 'intake');
  await expectStatus(
    await call(t, requester, 'PUT', `${base}/sipa/details`, sipaDetails(options.details)),
    200,
    'details',
  );
  if (options.confirm === false) return;
  await expectStatus(
    await call(t, advisor, 'POST', `${base}/sipa/conflict-check`, { decision: 'no_conflict' }),
    200,
    'conflict check',
  );
}

export async function submitSupport(
  t: TestApp,
  requester: TestActor,
  overrides: Partial<SupportRequest> = {},
): Promise<{ caseId: string; reference: string }> {
  const response = await call(t, requester, 'POST', '/api/support/requests', supportRequest(overrides));
  if (response.statusCode !== 201) throw new Error(`support request failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function submitSipa(
  t: TestApp,
  requester: TestActor,
  overrides: Partial<SipaRequest> = {},
): Promise<{ caseId: string; reference: string }> {
  const response = await call(t, requester, 'POST', '/api/sipa/requests', sipaRequest(overrides));
  if (response.statusCode !== 201) throw new Error(`sipa request failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function expectStatus(response: LightMyRequestResponse, status: number, context = ''): Promise<void> {
  if (response.statusCode !== status) {
    throw new Error(`${context} expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
}

/** The people of a support case world: everyone the authorization matrix needs. */
export interface SupportWorld {
  requester: TestActor;
  confidant: TestActor;
  sameAssociationConfidant: TestActor;
  otherAssociationConfidant: TestActor;
  coordinator: TestActor;
  peer: TestActor;
  expert: TestActor;
  admin: TestActor;
  stranger: TestActor;
  sipaAdvisor: TestActor;
}

export async function supportWorld(t: TestApp): Promise<SupportWorld> {
  return {
    requester: await createActor(t, ['officeholder'], {
      office: 'burgemeester',
      region: 'Heerde',
      displayName: 'Burgemeester B',
    }),
    confidant: await createActor(t, ['confidant'], { association: 'ngb', displayName: 'Vertrouwenspersoon V' }),
    sameAssociationConfidant: await createActor(t, ['confidant'], { association: 'ngb', displayName: 'Collega C' }),
    otherAssociationConfidant: await createActor(t, ['confidant'], { association: 'nvvr', displayName: 'NVvR N' }),
    coordinator: await createActor(t, ['ot_coordinator'], { displayName: 'Coördinator K' }),
    peer: await createActor(t, ['peer'], { displayName: 'Peer P' }),
    expert: await createActor(t, ['expert'], { expertField: 'legal', displayName: 'Expert E' }),
    admin: await createActor(t, ['admin'], { displayName: 'Beheerder A' }),
    stranger: await createActor(t, ['officeholder'], { office: 'raadslid', displayName: 'Raadslid R' }),
    sipaAdvisor: await createActor(t, ['sipa_advisor'], { displayName: 'SIPA S' }),
  };
}

/**
 * Every row of every table (application tables and the job queue's) as text, for canary searches. bytea
 * shows as hex, so search for the hex of a canary too (see `containsCanary`).
 */
export async function dumpAllRows(t: TestApp): Promise<string> {
  const tables = rowsOf<{ schema: string; name: string }>(
    await t.app.db.execute(
      sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    ),
  );
  const parts: string[] = [];
  for (const table of tables) {
    const rows = rowsOf<{ row: string }>(
      await t.app.db.execute(
        sql.raw(
          `SELECT t::text AS row FROM "${table.schema.replaceAll('"', '')}"."${table.name.replaceAll('"', '')}" t`,
        ),
      ),
    );
    for (const row of rows) parts.push(`${table.schema}.${table.name}: ${row.row}`);
  }
  return parts.join('\n');
}

/** True when the dump holds the canary as text, as UTF-8 hex (bytea) or base64. */
export function containsCanary(dump: string, canary: string): boolean {
  const lower = dump.toLowerCase();
  return (
    dump.includes(canary) ||
    lower.includes(Buffer.from(canary, 'utf8').toString('hex')) ||
    dump.includes(Buffer.from(canary, 'utf8').toString('base64').replace(/=+$/, ''))
  );
}

/**
 * The production app on a database the test owns, with case options (settings), the clock of the unit
 * of work and, if asked, the job runner started: for tests that need what createTestApp does not pass
 * (jobs, restarts, a clock).
 * Closing it leaves the database open (the test closes or reopens it).
 */
export async function buildCaseApp(
  database: Database,
  keyring: Keyring,
  options: Pick<BuildAppOptions, 'cases' | 'startJobs' | 'now' | 'aftercare'> = {},
): Promise<TestApp> {
  const webDistDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-web-'));
  // Its signed audit checkpoints in a log of its own (as createTestApp does), never beside ./data-keys.
  const config = parseConfig({
    NODE_ENV: 'test',
    AUDIT_CHECKPOINT_FILE: path.join(webDistDir, '..', `${path.basename(webDistDir)}-audit-checkpoints.jsonl`),
  });
  const sentMail: OutgoingMail[] = [];
  const app = await buildApp({
    config,
    database,
    keyring,
    mailTransport: { local: true, deliver: async (mail) => void sentMail.push(mail) },
    ownsDatabase: false,
    webDistDir,
    logger: false,
    ...options,
  });
  await app.ready();
  return {
    app,
    config,
    keyring,
    sentMail,
    testDatabase: { database, destroy: () => database.close() },
    close: async () => {
      await app.close();
      await rm(webDistDir, { recursive: true, force: true });
      await rm(config.AUDIT_CHECKPOINT_FILE ?? '', { force: true });
    },
  };
}

/** A multipart/form-data body with one part named `file` (or another name). */
export function multipart(fileName: string, bytes: Buffer, options: { field?: string; contentType?: string } = {}) {
  const boundary = `----weerbaar${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${fileName}"\r\n` +
        `Content-Type: ${options.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(
  t: TestApp,
  actor: TestActor,
  caseId: string,
  fileName: string,
  bytes: Buffer,
  options: { evidence?: boolean; field?: string; contentType?: string } = {},
) {
  const body = multipart(fileName, bytes, options);
  return t.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments${options.evidence ? '?evidence=true' : ''}`,
    headers: { ...actor.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}
