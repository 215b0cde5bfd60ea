import { readFileSync } from 'node:fs';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../src/server/db/schema.ts';
import type { PersonalDataRegistry } from '../../src/server/lib/personal-data.ts';
import { PRIVACY_EXPORT_TEXTS } from '../../src/server/lib/texts/index.ts';
import { people } from '../../src/server/modules/people/db.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Every table that references a person is either exported by a module's source or excluded with a
 * reason (src/server/personal-data.ts composes them). A person reference is a foreign key to `people`,
 * or a column whose name says it holds a person (…person_id, owner_id, requester_id, author_id,
 * actor_id, …_by) or their address (recipient, email).
 */
const PERSON_COLUMN =
  /^(person_id|owner_id|requester_id|author_id|actor_id|actor_person_id|subject_person_id|author_person_id|linked_officeholder_id|recipient|email)$|_by$/;

function personReferences(table: PgTable): string[] {
  const config = getTableConfig(table);
  const viaForeignKey = config.foreignKeys
    .filter((foreignKey) => foreignKey.reference().foreignTable === people)
    .flatMap((foreignKey) => foreignKey.reference().columns.map((column) => column.name));
  const byName = config.columns.map((column) => column.name).filter((name) => PERSON_COLUMN.test(name));
  return [...new Set([...viaForeignKey, ...byName])];
}

function uncovered(tables: readonly PgTable[], registry: PersonalDataRegistry): string[] {
  return tables
    .filter((table) => personReferences(table).length > 0)
    .map((table) => getTableConfig(table).name)
    .filter((name) => registry.coverageOf(name).length === 0);
}

const schemaTables: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable =>
  is(value, PgTable),
);
const tableNames = new Set(schemaTables.map((table) => getTableConfig(table).name));

describe('the personal-data registry covers every table with a person reference', () => {
  let t: TestApp;
  let registry: PersonalDataRegistry;

  beforeAll(async () => {
    t = await createTestApp();
    registry = t.app.privacy.registry;
  });
  afterAll(async () => t?.close());

  it('finds person references where they are (and so can fail)', () => {
    expect(personReferences(people)).toEqual(expect.arrayContaining(['email', 'linked_officeholder_id']));
    expect(schemaTables.length).toBeGreaterThan(30);
    // A new table with a person reference that no module registered: reported.
    const newTable = pgTable('aftercare_checkins', {
      id: uuid('id').primaryKey(),
      personId: uuid('person_id').references(() => people.id),
      note: text('note'),
    });
    expect(uncovered([newTable], registry)).toEqual(['aftercare_checkins']);
    const noPerson = pgTable('public_things', { id: uuid('id').primaryKey(), title: text('title') });
    expect(uncovered([noPerson], registry)).toEqual([]);
  });

  it('leaves no table with a person reference uncovered', () => {
    expect(uncovered(schemaTables, registry)).toEqual([]);
  });

  it('names only tables that exist, and gives every exclusion a real reason', () => {
    const named = [
      ...registry.sources().flatMap((source) => source.tables),
      ...registry.exclusions().map((exclusion) => exclusion.table),
      ...registry.retentionRules().flatMap((rule) => rule.tables),
    ];
    for (const name of named) expect(tableNames.has(name), name).toBe(true);
    for (const exclusion of registry.exclusions()) {
      expect(exclusion.reason.length, exclusion.table).toBeGreaterThan(60);
      expect(exclusion.reason.trim().endsWith('.'), exclusion.table).toBe(true);
    }
  });

  it('titles every export section in Dutch and English', () => {
    for (const source of registry.sources()) {
      expect(PRIVACY_EXPORT_TEXTS.nl.sections[source.key], source.key).toBeTruthy();
      expect(PRIVACY_EXPORT_TEXTS.en.sections[source.key], source.key).toBeTruthy();
    }
  });

  it('gives every table a retention rule, and the README lists every rule with its term', () => {
    const withRule = new Set(registry.retentionRules().flatMap((rule) => rule.tables));
    const personal = schemaTables
      .filter((table) => personReferences(table).length > 0)
      .map((table) => getTableConfig(table).name);
    const exempt = new Set(registry.exclusions().map((exclusion) => exclusion.table));
    expect(personal.filter((name) => !exempt.has(name) && !withRule.has(name))).toEqual([]);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = readme.split('\n');
    const missing = registry.retentionRules().filter((rule) => {
      const row = rows.find((line) => line.startsWith(`| \`${rule.category}\``));
      return !row?.includes(rule.keepDays === null ? '| —' : `| ${rule.keepDays} d`);
    });
    expect(missing.map((rule) => rule.category)).toEqual([]);
  });
});
