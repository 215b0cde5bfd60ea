import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Weerbaar is not part of the Stelsel bewaken en beveiligen (domain.md §6; modules/protection/README.md):
 * it must never hold protection measures, threat levels or operational details. This test fails when any
 * route's schema (the built app's OpenAPI document: parameters, query, bodies and responses, nested) or any
 * column of any table (information_schema) gets a field whose name carries one of these words.
 *
 * The words, in English and Dutch, and why each is on the list:
 * - measure(s), maatregel(en): the measures the police, OM or NCTV decide (a guard, a camera, a safe house);
 * - threat, dreiging, dreigingsniveau, dreigingsinschatting, dreigingsanalyse, risicoanalyse: the police's
 *   and NCTV's assessments and the information products of the 2015 circulaire;
 * - level, niveau, beveiligingsniveau, threatlevel: a threat or security level in any spelling;
 * - guard, bewaking, beveiliger, bodyguard, persoonsbeveiliging: who protects whom;
 * - camera, surveillance, cameratoezicht: camera surveillance at a home or town hall;
 * - escort, begeleiding (armoured transport), armoured/gepantserd, pickup/ophalen: transport measures;
 * - safehouse/onderduik, panic(button)/paniekknop, alarm: measures named in the sources;
 * - stelsel, sbb, domain/domein: whether someone is in the Stelsel, and in which domain.
 * Names are matched as lower-case words split on camelCase, `_` and `-`, so `threatLevel`, `threat_level`
 * and `dreigingsniveau` are all caught.
 *
 * Exceptions are named one by one with their reason. None is allowed on the incident's path (routes under
 * /api/me/incidents, tables of the incidents, aangifte and protection modules, and later damages/aftercare).
 */
const FORBIDDEN = [
  'measure',
  'measures',
  'maatregel',
  'maatregelen',
  'threat',
  'threats',
  'threatlevel',
  'dreiging',
  'dreigingsniveau',
  'dreigingsinschatting',
  'dreigingsanalyse',
  'risicoanalyse',
  'level',
  'levels',
  'niveau',
  'beveiligingsniveau',
  'guard',
  'guards',
  'bodyguard',
  'bewaking',
  'beveiliger',
  'persoonsbeveiliging',
  'camera',
  'cameras',
  'cameratoezicht',
  'surveillance',
  'escort',
  'begeleiding',
  'armoured',
  'gepantserd',
  'pickup',
  'safehouse',
  'onderduik',
  'panic',
  'panicbutton',
  'paniekknop',
  'alarm',
  'stelsel',
  'sbb',
  'domain',
  'domein',
];

/**
 * Where a forbidden word is allowed, and why: each by the exact route or table it is in, outside the
 * incident's path. Adding one is a decision a reviewer sees here.
 */
const EXCEPTIONS: { prefix: string; reason: string }[] = [
  {
    prefix: '/api/cases/{caseId}/woningscan/',
    reason:
      'The woningscan (domain.md §3c): the home-security advice the office holder asked the CCV for under the Regeling beveiligingsmaatregelen decentrale bestuurders, and the measures their employer provides for their own home (locks, lighting). Their own case, not the Stelsel bewaken en beveiligen.',
  },
  { prefix: 'woningscan_measures.', reason: 'The same woningscan measures, as stored (see above).' },
];
const excepted = (at: string) => EXCEPTIONS.some((exception) => at.startsWith(exception.prefix));

const PATH_PREFIXES = ['/api/me/incidents'];
const PATH_TABLES = /^(incident|aangifte|protection|damage|aftercare)/;

function words(name: string): string[] {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const parts = spaced.split(/[^a-z0-9]+/).filter(Boolean);
  return [...parts, parts.join('')];
}
const forbidden = (name: string) => words(name).some((word) => FORBIDDEN.includes(word));

/** Every property name in a JSON schema, with where it is. */
function propertyNames(schema: unknown, at: string, found: { at: string; name: string }[]): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) {
    for (const [index, item] of schema.entries()) propertyNames(item, `${at}[${index}]`, found);
    return;
  }
  const record = schema as Record<string, unknown>;
  if (record.properties && typeof record.properties === 'object') {
    for (const name of Object.keys(record.properties)) found.push({ at: `${at}.${name}`, name });
  }
  if (record.name && typeof record.name === 'string' && typeof record.in === 'string') {
    found.push({ at: `${at}(${record.in})`, name: record.name });
  }
  for (const [key, value] of Object.entries(record)) propertyNames(value, `${at}/${key}`, found);
}

describe('no protection measures, threat levels or operational details, anywhere', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(() => t.close());

  it('the list catches the spellings it is meant to catch', () => {
    for (const name of [
      'threatLevel',
      'threat_level',
      'dreigingsniveau',
      'measures',
      'Maatregel',
      'cameraUrl',
      'escort-id',
    ])
      expect(forbidden(name), name).toBe(true);
    for (const name of ['informedAt', 'reviewOn', 'variant', 'vptRequested', 'policeReference'])
      expect(forbidden(name), name).toBe(false);
    // The walk finds a name however deep it sits: in a response's nested object, or as a parameter.
    const found: { at: string; name: string }[] = [];
    propertyNames(
      {
        get: {
          parameters: [{ name: 'threatLevel', in: 'query' }],
          responses: { 200: { properties: { protection: { properties: { guards: { items: {} } } } } } },
        },
      },
      '/x',
      found,
    );
    expect(found.filter((entry) => forbidden(entry.name)).map((entry) => entry.name)).toEqual([
      'threatLevel',
      'guards',
    ]);
  });

  it('no route has a field for them', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
      components?: unknown;
    };
    expect(Object.keys(document.paths)).toContain('/api/me/incidents/{incidentId}/protection');
    const found: { at: string; name: string }[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      // The path's own segments count too: a route `/…/threat-level` is a field by another name.
      for (const segment of path.split('/')) found.push({ at: path, name: segment });
      propertyNames(item, path, found);
    }
    propertyNames(document.components, '#/components', found);
    const hits = found.filter((entry) => forbidden(entry.name));
    const unexpected = hits.filter((hit) => !excepted(hit.at));
    expect(unexpected.map((hit) => hit.at)).toEqual([]);
    for (const hit of hits)
      expect(
        PATH_PREFIXES.some((prefix) => hit.at.startsWith(prefix)),
        hit.at,
      ).toBe(false);
  });

  it('no table has a column for them', async () => {
    const columns = rowsOf<{ table: string; column: string }>(
      await t.app.db.execute(
        sql`SELECT table_name AS table, column_name AS column FROM information_schema.columns
            WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
      ),
    );
    expect(columns.some((row) => row.table === 'protection_conversations')).toBe(true);
    const hits = columns
      .filter((row) => forbidden(row.column) || forbidden(row.table))
      .map((row) => `${row.table}.${row.column}`);
    const unexpected = hits.filter((hit) => !excepted(hit));
    expect(unexpected).toEqual([]);
    for (const hit of hits) expect(PATH_TABLES.test(hit), hit).toBe(false);
  });
});
