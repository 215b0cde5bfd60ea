import { request } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { importEvents, importResult } from '../../../../test/helpers/handover-fixtures.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportProblem } from '../../../shared/handover.ts';
import type { Db } from '../../db/index.ts';
import { systemContext } from '../../lib/context.ts';
import { UnitOfWork } from '../../lib/unit-of-work.ts';
import { auditLog } from '../audit/db.ts';
import { people } from '../people/db.ts';
import { insertInvitedPerson } from '../people/repository.ts';
import { handovers } from './db.ts';
import { runImport } from './import.ts';
import { loadRegionIndex } from './regions.ts';

/**
 * Importing appointments from a CSV file: progress as JSON lines, a row-by-row report of what is wrong,
 * and nothing half-imported (PGlite with npm test, PostgreSQL with npm run test:pg).
 */
describe('importing appointments from a CSV file', () => {
  let t: TestApp;
  let admin: TestActor;

  const upload = (body: string | Buffer, options: { actor?: TestActor | null; contentType?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/admin/handovers/imports',
      headers: {
        ...((options.actor === undefined ? admin : options.actor)?.headers ?? {}),
        'content-type': options.contentType ?? 'text/csv; charset=utf-8',
      },
      payload: body,
    });

  const counts = async () => ({
    people: (await t.app.db.select({ id: people.id }).from(people)).length,
    handovers: (await t.app.db.select({ id: handovers.id }).from(handovers)).length,
  });

  const codesOf = (problems: ImportProblem[]) => problems.map((problem) => [problem.row, problem.column, problem.code]);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createActor(t, ['admin'], { displayName: 'Anna Beheer' });
  });
  afterAll(() => t.close());

  it('imports a valid file (semicolons, BOM, quotes, CRLF, Dutch dates) with progress, in one go', async () => {
    const before = await counts();
    const mails = t.sentMail.length;
    const csv = [
      '\uFEFFNaam;Functie;Regio;Installatiedatum;E-mailadres',
      'Jan Jansen;Burgemeester;Deventer;12-3-2025;jan@deventer.example',
      '"de Boer; Petra";wethouder;"Nuenen, Gerwen en Nederwetten";2025-04-01;Petra@Nuenen.example',
      ';;;;',
      '"Kees ""KJ"" Bakker";Statenlid;Noord Holland;01/05/2025;kees@nh.example',
      'Fenna Visser;Commissaris van de Koning;Friesland;2.6.2025;fenna@fryslan.example',
      'Ward Water;waterschapsbestuurder;Rivierenland;2025-06-15;ward@rivierenland.example',
    ].join('\r\n');
    const response = await upload(csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const events = importEvents(response);
    expect(events.filter((event) => event.type === 'progress' && event.phase === 'checking').length).toBeGreaterThan(0);
    const importing = events.filter((event) => event.type === 'progress' && event.phase === 'importing');
    expect(importing.map((event) => (event.type === 'progress' ? event.done : -1))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.at(-1)).toEqual({ type: 'result', outcome: 'imported', rows: 5, imported: 5 });

    expect(await counts()).toEqual({ people: before.people + 5, handovers: before.handovers + 5 });
    // Invitations are not mailed: they come with the printed package.
    expect(t.sentMail.length).toBe(mails);
    const rows = await t.app.db
      .select({
        name: handovers.registeredName,
        office: handovers.office,
        region: handovers.region,
        date: handovers.installationDate,
        source: handovers.source,
        email: people.email,
      })
      .from(handovers)
      .innerJoin(people, eq(people.id, handovers.personId))
      .orderBy(handovers.installationDate);
    expect(rows).toEqual([
      {
        name: 'Jan Jansen',
        office: 'burgemeester',
        region: 'Deventer',
        date: '2025-03-12',
        source: 'import',
        email: 'jan@deventer.example',
      },
      {
        name: 'de Boer; Petra',
        office: 'wethouder',
        region: 'Nuenen, Gerwen en Nederwetten',
        date: '2025-04-01',
        source: 'import',
        email: 'petra@nuenen.example',
      },
      {
        name: 'Kees "KJ" Bakker',
        office: 'statenlid',
        region: 'Noord-Holland',
        date: '2025-05-01',
        source: 'import',
        email: 'kees@nh.example',
      },
      {
        name: 'Fenna Visser',
        office: 'commissaris_van_de_koning',
        region: 'Fryslân',
        date: '2025-06-02',
        source: 'import',
        email: 'fenna@fryslan.example',
      },
      {
        name: 'Ward Water',
        office: 'waterschapsbestuurder',
        region: 'Waterschap Rivierenland',
        date: '2025-06-15',
        source: 'import',
        email: 'ward@rivierenland.example',
      },
    ]);
    const [summary] = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'handover.imported'));
    expect(summary?.details).toEqual({ rows: 5 });
  });

  it('rejects a file with any bad row, lists every problem by row and column, and imports nothing', async () => {
    await t.app.db.transaction((tx) =>
      insertInvitedPerson(tx, { email: 'bestaat@al.example', roles: ['officeholder'] }, null),
    );
    const before = await counts();
    const csv = [
      'name,office,region,installation date,email',
      'Goed Persoon,wethouder,Zwolle,2025-03-01,goed@zwolle.example', // row 2: fine
      'Datum Fout,wethouder,Zwolle,31-02-2025,datum@zwolle.example', // 3
      'Mail Fout,wethouder,Zwolle,2025-03-01,geen-adres', // 4
      'Dubbel,wethouder,Zwolle,2025-03-01,Goed@Zwolle.example', // 5: same as row 2
      'Bestaand,raadslid,Zwolle,2025-03-01,bestaat@al.example', // 6: has an account
      '=HYPERLINK("http://evil.example"),wethouder,Zwolle,2025-03-01,formule@zwolle.example', // 7
      'Rare Functie,koning,Zwolle,2025-03-01,functie@zwolle.example', // 8
      'Onbekend Oord,wethouder,Atlantis,2025-03-01,oord@zwolle.example', // 9
      'Te Vroeg,wethouder,Zwolle,1999-12-31,vroeg@zwolle.example', // 10
      ',,,,', // 11: blank, skipped
      ',wethouder,,,', // 12: everything missing
      'Te Veel,wethouder,Zwolle,2025-03-01,veel@zwolle.example,extra', // 13
      'Bergen,raadslid,Bergen,2025-03-01,bergen@example.org', // 14: ambiguous
      'Provincie,gedeputeerde,Zwolle,2025-03-01,prov@example.org', // 15: not a province
      '@SUM(1+1),-2+3,+31612345678,=1+1,@x', // 16: formulas everywhere
    ].join('\n');
    const response = await upload(csv);
    expect(response.statusCode).toBe(200);
    const result = importResult(response);
    if (result.outcome !== 'rejected') throw new Error(`expected a rejection, got ${response.body}`);
    expect(result.rows).toBe(14);
    expect(codesOf(result.problems)).toEqual([
      [3, 'installationDate', 'date_invalid'],
      [4, 'email', 'email_invalid'],
      [5, 'email', 'email_duplicate'],
      [6, 'email', 'email_taken'],
      [7, 'name', 'formula_not_allowed'],
      [8, 'office', 'office_unknown'],
      [9, 'region', 'region_unknown'],
      [10, 'installationDate', 'date_out_of_range'],
      [12, 'name', 'name_missing'],
      [12, 'region', 'region_missing'],
      [12, 'installationDate', 'date_missing'],
      [12, 'email', 'email_missing'],
      [13, null, 'column_count'],
      [14, 'region', 'region_ambiguous'],
      [15, 'region', 'region_unknown'],
      [16, 'name', 'formula_not_allowed'],
      [16, 'office', 'formula_not_allowed'],
      [16, 'region', 'formula_not_allowed'],
      [16, 'installationDate', 'formula_not_allowed'],
      [16, 'email', 'formula_not_allowed'],
    ]);
    expect(result.problems.find((problem) => problem.code === 'email_duplicate')).toMatchObject({
      row: 5,
      otherRow: 2,
      value: 'Goed@Zwolle.example',
    });
    expect(result.problems.find((problem) => problem.row === 3)?.value).toBe('31-02-2025');
    expect(await counts()).toEqual(before);
    const [rejected] = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'handover.import_rejected'));
    expect(rejected?.details).toEqual({ rows: 14, problems: 20 });
  });

  it('rejects a file whose header is wrong: missing, unknown or repeated columns', async () => {
    const cases: [string, [string, string][]][] = [
      ['naam;functie;regio;e-mail\nA;wethouder;Zwolle;a@b.example', [['missing_columns', 'installationDate']]],
      [
        'naam,functie,regio,installatiedatum,e-mail,telefoon,adres\nA,wethouder,Zwolle,2025-01-01,a@b.example,06,x',
        [['unknown_columns', 'telefoon, adres']],
      ],
      [
        'naam,name,functie,regio,installatiedatum,e-mail\nA,A,wethouder,Zwolle,2025-01-01,a@b.example',
        [['duplicate_columns', 'name']],
      ],
      ['', [['empty_file', '']]],
      ['naam,functie,regio,installatiedatum,e-mail\n\n,,,,\n', [['no_rows', '']]],
      [
        'naam,functie,regio,installatiedatum,e-mail\n"A,wethouder,Zwolle,2025-01-01,a@b.example\n',
        [['unterminated_quote', '']],
      ],
    ];
    const before = await counts();
    for (const [csv, expected] of cases) {
      const result = importResult(await upload(csv));
      if (result.outcome !== 'rejected') throw new Error(`expected a rejection for ${csv}`);
      expect(result.problems.map((problem) => [problem.code, problem.value ?? ''])).toEqual(expected);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a file that is not UTF-8, too many rows, a huge file and other content types', async () => {
    const latin1 = Buffer.from(
      'naam,functie,regio,installatiedatum,e-mail\nRené,wethouder,Zwolle,2025-01-01,r@b.example\n',
      'latin1',
    );
    const notUtf8 = importResult(await upload(latin1));
    expect(notUtf8).toMatchObject({ outcome: 'rejected', problems: [{ code: 'not_utf8', row: null }] });

    const many = [
      'naam,functie,regio,installatiedatum,e-mail',
      ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `P${i},raadslid,Zwolle,2025-01-01,p${i}@example.org`),
    ].join('\n');
    expect(importResult(await upload(many))).toMatchObject({
      outcome: 'rejected',
      problems: [{ code: 'too_many_rows', value: String(IMPORT_MAX_ROWS + 1) }],
    });

    const huge = await upload(`naam,functie,regio,installatiedatum,e-mail\n${'x'.repeat(IMPORT_MAX_BYTES)}`);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('body_too_large');

    const json = await t.app.inject({
      method: 'POST',
      url: '/api/admin/handovers/imports',
      headers: admin.headers,
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    const xml = await upload('<rows/>', { contentType: 'application/xml' });
    expect(xml.statusCode).toBe(415);
  });

  it('is for admins only', async () => {
    const officeholder = await createActor(t, ['officeholder']);
    const csv = 'naam,functie,regio,installatiedatum,e-mail\nA,wethouder,Zwolle,2025-01-01,a@b.example';
    expect((await upload(csv, { actor: null })).statusCode).toBe(401);
    expect((await upload(csv, { actor: officeholder })).statusCode).toBe(403);
  });

  it('keeps importing when the browser stops listening halfway', async () => {
    const before = await counts();
    const csv = [
      'naam,functie,regio,installatiedatum,e-mail',
      ...Array.from({ length: 40 }, (_, i) => `Weg ${i},raadslid,Zwolle,2025-01-01,weg${i}@example.org`),
    ].join('\n');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    // The browser goes away after the first line of progress: its socket is destroyed.
    await new Promise<void>((resolve, reject) => {
      const upload = request(
        {
          host: '127.0.0.1',
          port: address.port,
          method: 'POST',
          path: '/api/admin/handovers/imports',
          headers: { ...admin.headers, 'content-type': 'text/csv' },
        },
        (response) => {
          response.once('data', () => {
            upload.destroy();
            resolve();
          });
        },
      );
      upload.on('error', reject);
      upload.end(csv);
    });
    await expect
      .poll(async () => (await counts()).handovers, { timeout: 20_000, interval: 200 })
      .toBe(before.handovers + 40);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('lists rows with the same installation date by name, so the list does not reshuffle between loads', async () => {
    const csv = [
      'naam;functie;regio;installatiedatum;e-mail',
      'Zeger Zelfde;raadslid;Utrecht;3-1-2024;zeger@zelfde.example',
      'Anne Zelfde;raadslid;Utrecht;3-1-2024;anne@zelfde.example',
      'Mees Zelfde;raadslid;Utrecht;3-1-2024;mees@zelfde.example',
      'Bert Zelfde;raadslid;Utrecht;3-1-2024;bert@zelfde.example',
    ].join('\n');
    expect(importResult(await upload(csv))).toEqual({ type: 'result', outcome: 'imported', rows: 4, imported: 4 });
    // One transaction gives every row the same created_at: only the name makes the order stable.
    for (let load = 0; load < 3; load += 1) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/admin/handovers?q=Zelfde',
        headers: admin.headers,
      });
      expect(response.statusCode, response.body).toBe(200);
      const names = (response.json() as { handovers: { name: string }[] }).handovers.map((row) => row.name);
      expect(names).toEqual(['Anne Zelfde', 'Bert Zelfde', 'Mees Zelfde', 'Zeger Zelfde']);
    }
  });

  it('imports nothing when a row fails halfway (an address taken meanwhile): the transaction rolls back', async () => {
    const before = await counts();
    const csv = [
      'naam,functie,regio,installatiedatum,e-mail',
      'Een,raadslid,Zwolle,2025-01-01,een@race.example',
      'Twee,raadslid,Zwolle,2025-01-01,twee@race.example',
      'Drie,raadslid,Zwolle,2025-01-01,drie@race.example',
    ].join('\n');
    // Someone else takes row 3's address after the check, just before the import's transaction starts.
    const db = t.app.db;
    const racing = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver);
        return async (work: Parameters<Db['transaction']>[0]) => {
          await db.transaction((tx) => insertInvitedPerson(tx, { email: 'drie@race.example', roles: [] }, null));
          return db.transaction(work);
        };
      },
    }) as Db;
    const events: unknown[] = [];
    const uow = new UnitOfWork({ ...t.app.unitOfWork.deps, db: racing });
    const result = await runImport(
      { uow, config: t.config, keyring: t.keyring, regions: await loadRegionIndex(), log: t.app.log },
      systemContext({ personId: admin.personId, roles: ['admin'] }),
      Buffer.from(csv),
      (event) => events.push(event),
    );
    expect(result).toEqual({ type: 'result', outcome: 'failed', code: 'email_taken' });
    // Rows 1 and 2 were written inside the transaction, then rolled back with it.
    expect(events).toContainEqual({ type: 'progress', phase: 'importing', done: 2, total: 3 });
    expect(await counts()).toEqual({ people: before.people + 1, handovers: before.handovers });
    const written = await t.app.db.select().from(people).where(eq(people.email, 'een@race.example'));
    expect(written).toEqual([]);
  });
});
