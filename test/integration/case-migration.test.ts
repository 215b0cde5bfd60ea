import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { parseConfig } from '../../src/server/config.ts';
import { type Database, openDatabase, rowsOf } from '../../src/server/db/index.ts';
import { migrationsFolder } from '../../src/server/db/migrations.ts';
import { systemContext } from '../../src/server/lib/context.ts';
import { contextAad, Keyring } from '../../src/server/lib/crypto/index.ts';
import { newCaseReference } from '../../src/server/modules/cases/reference.ts';
import { personRoles } from '../../src/server/modules/people/db.ts';
import { sessionCookieName } from '../../src/server/modules/sessions/cookie.ts';
import { csrfTokenFor } from '../../src/server/modules/sessions/plugin.ts';
import { createSession } from '../../src/server/modules/sessions/service.ts';
import type { Role } from '../../src/shared/roles.ts';
import type { TestActor } from '../helpers/actors.ts';
import { call, expectStatus } from '../helpers/cases.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { createThrowawayDatabase, dropDatabase } from '../helpers/test-database.ts';

/**
 * The migrations that make the case core a seam (notification subjects; support and SIPA data in their
 * own tables) keep every existing case intact: a database built with the migrations up to 0008 (the
 * schema before them), holding cases of both types in every status, a tombstone of each and their
 * notifications, is migrated the way the app does on start, then read back in SQL and through the API
 * (the advice, encrypted under the old columns' associated data, still decrypts). On PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */

const LAST_OLD_MIGRATION = 8;
const SUPPORT_STATUSES = ['submitted', 'assigned', 'in_progress', 'waiting_for_requester', 'advised', 'closed'];
const SIPA_STATUSES = ['submitted', 'conflict_check', 'in_progress', 'waiting_for_requester', 'advised', 'closed'];

/** The migrations folder as it was before this change: 0000–0008 and a journal that ends there. */
function oldMigrationsFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-old-migrations-'));
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  journal.entries = journal.entries.filter((entry) => entry.idx <= LAST_OLD_MIGRATION);
  for (const entry of journal.entries) {
    cpSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  }
  cpSync(path.join(migrationsFolder, 'meta'), path.join(dir, 'meta'), { recursive: true });
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  return dir;
}

type Execute = (query: ReturnType<typeof sql>) => Promise<unknown>;

interface OldCase {
  id: string;
  type: 'support' | 'sipa';
  status: string;
  association: string | null;
  concernForColleague: boolean;
  adviceEnvelope: string | null;
  adviceRecordedAt: Date | null;
  zelfscanResultId: string | null;
  zelfscanSharedAt: Date | null;
  conflictCheck: string;
  assigned: boolean;
  erased: boolean;
}

const SUPPORT_INTAKE = {
  concernFor: 'self',
  situation: ['threat'],
  since: 'this_week',
  acuteDanger: false,
  affected: ['me'],
  contact: { channel: 'in_app', phone: null, when: 'any_time' },
  body: 'Er staat iemand voor mijn huis.',
};
const SIPA_INTAKE = {
  capacity: 'burgemeester',
  representativeBody: null,
  topic: 'other',
  signal: { what: 'Een signaal.', since: 'this_week', source: 'media' },
  answers: { doneSoFar: '', question: 'Wat nu?' },
};
const SUPPORT_ADVICE = [{ kind: 'aangifte', explanation: 'Doe aangifte.', linkKey: 'package.aangifte-melden-schade' }];
const SIPA_ADVICE = {
  preliminaryInquiry: 'a',
  assignment: 'b',
  researchQuestions: ['c'],
  investigatorChoice: 'd',
  safeguards: 'e',
  privacy: 'f',
  communication: 'g',
};

interface World {
  requester: string;
  confidant: string;
  advisor: string;
  cases: OldCase[];
  generalNotice: string;
}

/** People (tables this change leaves alone), then cases, assignments and notifications in the old shape. */
async function fillOldSchema(
  execute: Execute,
  insertPeople: (rows: { id: string; role: Role; association?: string }[]) => Promise<void>,
  keyring: Keyring,
): Promise<World> {
  const world: World = {
    requester: randomUUID(),
    confidant: randomUUID(),
    advisor: randomUUID(),
    cases: [],
    generalNotice: randomUUID(),
  };
  await insertPeople([
    { id: world.requester, role: 'officeholder' },
    { id: world.confidant, role: 'confidant', association: 'ngb' },
    { id: world.advisor, role: 'sipa_advisor' },
  ]);
  const at = new Date('2026-11-02T10:00:00Z');
  const make = (type: 'support' | 'sipa', status: string, index: number, erased = false): OldCase => {
    const id = randomUUID();
    const advised = status === 'advised' || status === 'closed';
    return {
      id,
      type,
      status,
      association: type === 'support' && index !== 1 ? 'ngb' : null,
      concernForColleague: type === 'support' && index === 1,
      adviceEnvelope: advised
        ? keyring.encrypt(
            JSON.stringify(type === 'support' ? SUPPORT_ADVICE : SIPA_ADVICE),
            contextAad('case', 'advice', id),
          )
        : null,
      adviceRecordedAt: advised ? at : null,
      zelfscanResultId: type === 'support' && index === 2 ? randomUUID() : null,
      zelfscanSharedAt: type === 'support' && index === 2 ? at : null,
      conflictCheck:
        type === 'sipa'
          ? status === 'submitted'
            ? 'not_assigned'
            : status === 'conflict_check'
              ? 'pending'
              : 'confirmed'
          : 'not_assigned',
      assigned: status !== 'submitted' && !erased,
      erased,
    };
  };
  world.cases = [
    ...SUPPORT_STATUSES.map((status, index) => make('support', status, index)),
    ...SIPA_STATUSES.map((status, index) => make('sipa', status, index)),
    make('support', 'closed', 0, true),
    make('sipa', 'closed', 0, true),
  ];
  for (const c of world.cases) {
    const reference = c.erased ? null : newCaseReference();
    const intake = c.type === 'support' ? SUPPORT_INTAKE : SIPA_INTAKE;
    const closed = c.status === 'closed';
    await execute(sql`
      INSERT INTO cases (id, reference, type, requester_id, status, urgency, office_type, region, association,
        concern_for_colleague, intake_envelope, advice_envelope, advice_recorded_at, zelfscan_result_id,
        zelfscan_shared_at, conflict_check, created_at, updated_at, first_response_due_at, closed_at, outcome,
        reopen_until, retain_until, erased_at, erased_reason)
      VALUES (${c.id}, ${reference}, ${c.type}, ${c.erased ? null : world.requester}, ${c.status}, 'normal',
        'burgemeester', 'Ede', ${c.association}, ${c.concernForColleague},
        ${c.erased ? null : keyring.encrypt(JSON.stringify(intake), contextAad('case', 'intake', c.id))},
        ${c.adviceEnvelope}, ${c.adviceRecordedAt}, ${c.zelfscanResultId}, ${c.zelfscanSharedAt}, ${c.conflictCheck},
        ${at}, ${at}, ${closed ? null : new Date('2026-11-03T10:00:00Z')}, ${closed ? at : null},
        ${closed ? 'advice_given' : null}, ${closed && !c.erased ? new Date('2099-01-01T00:00:00Z') : null},
        ${closed && !c.erased ? new Date('2099-06-01T00:00:00Z') : null}, ${c.erased ? at : null},
        ${c.erased ? 'retention' : null})`);
    if (c.assigned) {
      const staff = c.type === 'support' ? world.confidant : world.advisor;
      await execute(
        sql`INSERT INTO case_assignments (case_id, person_id, assigned_by) VALUES (${c.id}, ${staff}, ${staff})`,
      );
    }
    if (!c.erased) {
      await execute(
        sql`INSERT INTO notifications (person_id, kind, case_id) VALUES (${world.requester}, 'case_update', ${c.id})`,
      );
    }
  }
  await execute(
    sql`INSERT INTO notifications (id, person_id, kind, case_id) VALUES (${world.generalNotice}, ${world.confidant}, 'case_update', NULL)`,
  );
  return world;
}

/** A session for a person who already exists (createActor makes new people). */
async function sessionOf(t: TestApp, personId: string, roles: Role[]): Promise<TestActor> {
  const { token, sessionId } = await t.app.db.transaction((tx) =>
    createSession(tx, systemContext(), { personId, method: 'passkey' }, t.config),
  );
  return {
    personId,
    email: '',
    roles,
    sessionId,
    headers: { cookie: `${sessionCookieName(t.config)}=${token}`, 'x-csrf-token': csrfTokenFor(t.app, token) },
  };
}

describe('the case-seam migrations on a database made by the migrations before them', () => {
  const keyring = Keyring.generate();
  let database: Database;
  let world: World;
  let t: TestApp;
  let cleanUp: () => Promise<void> = async () => {};
  const folder = oldMigrationsFolder();

  beforeAll(async () => {
    const insertPeopleWith =
      (db: ReturnType<typeof drizzlePglite> | ReturnType<typeof drizzleNodePg>) =>
      async (rows: { id: string; role: Role; association?: string }[]) => {
        for (const row of rows) {
          // In SQL with the old columns only: the schema in code has columns later migrations add.
          await db.execute(
            sql`INSERT INTO people (id, email, display_name, status, office, association) VALUES (${row.id}, ${`${row.id}@example.org`}, ${`Persoon ${row.role}`}, 'active', ${row.role === 'officeholder' ? 'burgemeester' : null}, ${row.association ?? null})`,
          );
          await db.insert(personRoles).values({ personId: row.id, role: row.role });
        }
      };
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      const url = await createThrowawayDatabase(serverUrl);
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      const old = drizzleNodePg(pool);
      await migrateNodePg(old, { migrationsFolder: folder });
      world = await fillOldSchema((query) => old.execute(query), insertPeopleWith(old), keyring);
      await pool.end();
      // What the app does on start: apply the migrations that are new.
      database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
      cleanUp = async () => {
        await database.close();
        await dropDatabase(serverUrl, url);
      };
    } else {
      const client = new PGlite();
      const old = drizzlePglite(client);
      await migratePglite(old, { migrationsFolder: folder });
      world = await fillOldSchema((query) => old.execute(query), insertPeopleWith(old), keyring);
      const dump = await client.dumpDataDir('none');
      await client.close();
      database = await openDatabase({ kind: 'memory', loadDataDir: dump });
      cleanUp = () => database.close();
    }
    const webDistDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-web-'));
    await mkdir(webDistDir, { recursive: true });
    const config = parseConfig({ NODE_ENV: 'test' });
    const app = await buildApp({ config, database, keyring, ownsDatabase: false, webDistDir, logger: false });
    await app.ready();
    t = {
      app,
      config,
      keyring,
      sentMail: [],
      testDatabase: { database, destroy: cleanUp },
      close: async () => {
        await app.close();
        await rm(webDistDir, { recursive: true, force: true });
      },
    };
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await cleanUp();
    await rm(folder, { recursive: true, force: true });
  });

  const rows = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(query));

  it('moves every case’s type data to its type’s table, and keeps the cases themselves', async () => {
    const cases = await rows<{ id: string; type: string; status: string }>(sql`SELECT id, type, status FROM cases`);
    expect(cases).toHaveLength(world.cases.length);
    for (const old of world.cases) expect(cases).toContainEqual({ id: old.id, type: old.type, status: old.status });

    const support = await rows<Record<string, unknown>>(sql`SELECT * FROM support_cases`);
    const sipa = await rows<Record<string, unknown>>(sql`SELECT * FROM sipa_cases`);
    const live = world.cases.filter((c) => !c.erased);
    expect(support).toHaveLength(live.filter((c) => c.type === 'support').length);
    expect(sipa).toHaveLength(live.filter((c) => c.type === 'sipa').length);
    const time = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
    for (const old of live) {
      if (old.type === 'support') {
        const row = support.find((candidate) => candidate.case_id === old.id);
        expect(row, old.status).toBeDefined();
        expect({
          ...row,
          advice_recorded_at: time(row?.advice_recorded_at),
          zelfscan_shared_at: time(row?.zelfscan_shared_at),
        }).toEqual({
          case_id: old.id,
          association: old.association,
          concern_for_colleague: old.concernForColleague,
          advice_envelope: old.adviceEnvelope,
          advice_recorded_at: time(old.adviceRecordedAt),
          zelfscan_result_id: old.zelfscanResultId,
          zelfscan_shared_at: time(old.zelfscanSharedAt),
        });
      } else {
        const row = sipa.find((candidate) => candidate.case_id === old.id);
        expect({
          ...row,
          advice_recorded_at: time(row?.advice_recorded_at),
          details_shared_at: time(row?.details_shared_at),
        }).toEqual({
          case_id: old.id,
          conflict_check: old.conflictCheck,
          advice_envelope: old.adviceEnvelope,
          advice_recorded_at: time(old.adviceRecordedAt),
          // SIPA's phone-intake process: a request made before it already holds the details, so it counts as
          // having had the intake (details agreed and shared when it was made; when a call was is unknown).
          call_times: '',
          intake_agreement: 'share_details',
          intake_held_at: null,
          intake_message_envelope: null,
          details_shared_at: '2026-11-02T10:00:00.000Z',
        });
      }
    }
    // The columns are gone from cases.
    const columns = await rows<{ column_name: string }>(
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'cases'`,
    );
    const names = columns.map((column) => column.column_name);
    for (const moved of [
      'association',
      'concern_for_colleague',
      'advice_envelope',
      'advice_recorded_at',
      'zelfscan_result_id',
      'zelfscan_shared_at',
      'conflict_check',
    ]) {
      expect(names).not.toContain(moved);
    }
  });

  it('keeps every notification, about its case as its subject', async () => {
    const notices = await rows<{ id: string; subject_type: string | null; subject_id: string | null }>(
      sql`SELECT id, subject_type, subject_id FROM notifications`,
    );
    const live = world.cases.filter((c) => !c.erased);
    expect(notices).toHaveLength(live.length + 1);
    for (const c of live)
      expect(notices).toContainEqual(expect.objectContaining({ subject_type: 'case', subject_id: c.id }));
    expect(notices.find((notice) => notice.id === world.generalNotice)).toMatchObject({
      subject_type: null,
      subject_id: null,
    });
    const requester = await sessionOf(t, world.requester, ['officeholder']);
    const list = (await call(t, requester, 'GET', '/api/me/notifications')).json();
    expect(list.notifications).toHaveLength(live.length);
    expect(list.notifications[0].subject).toMatchObject({ type: 'case', view: 'requester' });
  });

  it('shows every case through the API as before: status, type part, decrypted advice, the queue', async () => {
    const requester = await sessionOf(t, world.requester, ['officeholder']);
    for (const old of world.cases.filter((c) => !c.erased)) {
      const response = await call(t, requester, 'GET', `/api/cases/${old.id}`);
      await expectStatus(response, 200, `${old.type} ${old.status}`);
      const detail = response.json();
      expect(detail).toMatchObject({ type: old.type, status: old.status });
      const advised = old.adviceEnvelope !== null;
      if (old.type === 'support') {
        expect(detail.typeDetail).toMatchObject({
          association: old.association,
          concernForColleague: old.concernForColleague,
          advice: advised ? SUPPORT_ADVICE : [],
          zelfscan: old.zelfscanResultId ? { resultId: old.zelfscanResultId } : null,
          intake: { body: SUPPORT_INTAKE.body },
        });
      } else {
        expect(detail.typeDetail).toMatchObject({
          conflictCheck: old.conflictCheck,
          advice: advised ? SIPA_ADVICE : null,
          intake: { signal: SIPA_INTAKE.signal, answers: SIPA_INTAKE.answers, phone: null, organisation: null },
          phoneIntake: { state: 'done', heldAt: null, agreement: 'share_details', message: null },
        });
        expect(detail.viewer.actions).not.toContain('share_details');
      }
    }
    for (const old of world.cases.filter((c) => c.erased)) {
      await expectStatus(await call(t, requester, 'GET', `/api/cases/${old.id}`), 404, 'tombstone');
    }
    // The queue still routes by the moved association, and SIPA's pending check still holds the advisor back.
    const confidant = await sessionOf(t, world.confidant, ['confidant']);
    const queue = (await call(t, confidant, 'GET', '/api/cases/queue?type=support&view=unassigned')).json();
    const submitted = world.cases.find((c) => c.type === 'support' && c.status === 'submitted');
    expect(queue.items).toMatchObject([{ id: submitted?.id, typeSummary: { association: 'ngb' } }]);
    const advisor = await sessionOf(t, world.advisor, ['sipa_advisor']);
    const checking = world.cases.find((c) => c.type === 'sipa' && c.status === 'conflict_check');
    const seen = (await call(t, advisor, 'GET', `/api/cases/${checking?.id}`)).json();
    expect(seen.viewer.actions).toContain('conflict_check');
    expect(seen.viewer.actions).not.toContain('post_message');
    // A request from before the phone-intake process, still in the queue, needs no intake any more: taken,
    // it goes straight to the conflict check.
    const waiting = world.cases.find((c) => c.type === 'sipa' && c.status === 'submitted');
    await expectStatus(await call(t, advisor, 'POST', `/api/cases/${waiting?.id}/take`, {}), 200, 'take');
    const taken = (await call(t, advisor, 'GET', `/api/cases/${waiting?.id}`)).json();
    expect(taken).toMatchObject({ status: 'conflict_check', typeDetail: { conflictCheck: 'pending' } });
  });
});
