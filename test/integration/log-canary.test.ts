import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { parseConfig } from '../../src/server/config.ts';
import { rowsOf } from '../../src/server/db/index.ts';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { loggerOptions } from '../../src/server/lib/logger.ts';
import { call, containsCanary, submitSupport, supportWorld } from '../helpers/cases.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/**
 * Nothing sensitive reaches the log, also not when the database fails. Every sensitive field (and the
 * personal values that travel as plain SQL parameters: addresses, names, search terms) gets a canary;
 * the database is made to fail on every write and on the search reads; the whole captured log — at debug
 * level, with the production serializers — must not hold a single canary, while it does hold the errors.
 */
describe('the log, when the database fails', () => {
  let t: TestApp;
  let testDatabase: TestDatabase;
  let webDistDir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    webDistDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-web-'));
    const config = parseConfig({ NODE_ENV: 'test' });
    const keyring = Keyring.generate();
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    // The production logger (serializers, redaction) at debug level, into memory.
    const production = loggerOptions(
      parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'debug', ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true' }),
    ) as object;
    const app = await buildApp({
      config,
      database: testDatabase.database,
      keyring,
      mailTransport: { local: true, deliver: async () => {} },
      ownsDatabase: false,
      webDistDir,
      logger: { ...production, stream },
    });
    await app.ready();
    t = { app, config, keyring, sentMail: [], testDatabase, close: async () => app.close() };
  });
  afterAll(async () => {
    await t.close();
    await testDatabase.destroy();
    rmSync(webDistDir, { recursive: true, force: true });
  });

  it('holds the failures but none of the values', async () => {
    const w = await supportWorld(t);
    const { caseId } = await submitSupport(t, w.requester);
    const parts = (await call(t, w.admin, 'GET', '/api/admin/package/parts')).json() as { parts: { slug: string }[] };
    const slug = parts.parts[0]?.slug ?? '';

    // From here on every write fails (sessions excepted, or no signed-in request would get that far),
    // with the row in the error's detail, as a constraint violation would; the searches' tables are gone.
    const tables = rowsOf<{ name: string }>(
      await t.app.db.execute(
        sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'sessions'`,
      ),
    );
    await t.app.db.execute(
      sql.raw(`CREATE FUNCTION weerbaar_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'forced fault' USING DETAIL = row_to_json(NEW)::text; END $$`),
    );
    for (const { name } of tables) {
      await t.app.db.execute(
        sql.raw(`CREATE TRIGGER weerbaar_test_fault BEFORE INSERT OR UPDATE ON "${name}"
                 FOR EACH ROW EXECUTE FUNCTION weerbaar_test_fault()`),
      );
    }
    await t.app.db.execute(sql`ALTER TABLE package_part_translations RENAME TO package_part_translations_away`);
    await t.app.db.execute(sql`ALTER TABLE handovers RENAME TO handovers_away`);

    const canaries: string[] = [];
    const canary = (label: string) => {
      const value = `canary${label}${randomBytes(4).toString('hex')}`;
      canaries.push(value);
      return value;
    };
    const responses = [
      await call(t, w.requester, 'POST', '/api/support/requests', {
        concernFor: 'self',
        situation: ['threat'],
        since: 'this_week',
        acuteDanger: false,
        affected: ['me'],
        contact: { channel: 'phone', phone: `06 ${canary('phone')}`, when: 'any_time' },
        body: `Bedreigd: ${canary('body')}`,
      }),
      // SIPA's first step holds nothing confidential (the signal comes after the phone intake); the
      // organisation and the phone number are what it holds.
      await call(t, w.requester, 'POST', '/api/sipa/requests', {
        capacity: 'burgemeester',
        organisation: `Gemeente ${canary('organisation')}`,
        topic: 'conflict_of_interest',
        phone: '06 1234 5678',
        callTimes: ['morning'],
        urgent: false,
      }),
      await call(t, w.requester, 'POST', `/api/cases/${caseId}/messages`, { body: canary('message') }),
      await call(t, w.coordinator, 'POST', `/api/cases/${caseId}/notes`, { body: canary('note') }),
      await call(t, null, 'POST', '/api/auth/password', {
        email: `${canary('signinemail')}@example.org`,
        password: canary('password'),
        totpCode: '123456',
      }),
      await call(t, w.requester, 'POST', '/api/me/relatives', {
        email: `${canary('relative')}@example.org`,
        relationship: 'partner',
      }),
      await call(t, w.admin, 'POST', '/api/admin/people', {
        email: `${canary('inviteemail')}@example.org`,
        displayName: canary('displayname'),
        roles: ['officeholder'],
        office: 'raadslid',
        region: canary('region'),
      }),
      await call(t, w.admin, 'POST', `/api/admin/package/parts/${slug}/revisions`, {
        baseRevision: 1,
        title: { nl: canary('title'), en: 'Title' },
        summary: { nl: 'Samenvatting', en: 'Summary' },
        body: { nl: canary('packagebody'), en: 'Body' },
      }),
      await call(t, null, 'GET', `/api/package/search?locale=nl&q=${canary('search')}`),
      await call(t, w.admin, 'GET', `/api/admin/handovers?q=${canary('handoversearch')}`),
      await call(t, null, 'GET', `/api/package/search?locale=nl&q=${canary('nul')}%00`),
    ];
    const statuses = responses.map((response) => response.statusCode);
    expect(
      statuses.every((status) => status >= 400),
      statuses.join(','),
    ).toBe(true);
    expect(statuses.filter((status) => status === 500).length).toBeGreaterThanOrEqual(8);
    expect(statuses[statuses.length - 1]).toBe(400);

    const log = lines.join('');
    // Not one of the values, nor the SQL text…
    for (const value of canaries) expect(containsCanary(log, value), value).toBe(false);
    expect(log).not.toMatch(/Failed query|params:|insert into|select .* from/i);
    // …while the failures are there, by SQLSTATE, the wrapper that held the query reduced to its frames.
    expect(log).toContain('"type":"DatabaseError"');
    expect(log).toContain('"code":"P0001"');
    expect(log).toContain('"code":"42P01"');
    expect(log).toContain('DatabaseQueryFailed');
  });
});
