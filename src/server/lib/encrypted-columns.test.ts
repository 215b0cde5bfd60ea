import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema.ts';
import { ENCRYPTED_COLUMNS } from './encrypted-columns.ts';

describe('the registry of encrypted columns', () => {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

  it('names every envelope column of the schema, so key rotation misses none', () => {
    const inSchema = tables.flatMap((table) => {
      const config = getTableConfig(table);
      return config.columns
        .filter((column) => column.name.endsWith('_envelope'))
        .map((c) => `${config.name}.${c.name}`);
    });
    const registered = ENCRYPTED_COLUMNS.map((entry) => entry.name);
    // A failure here: add the column to ENCRYPTED_COLUMNS in src/server/lib/encrypted-columns.ts.
    expect(inSchema.filter((name) => !registered.includes(name))).toEqual([]);
    expect(registered).toEqual(
      expect.arrayContaining(['totp_credentials.secret_envelope', 'mail_outbox.body_envelope']),
    );
  });

  it('describes each entry truthfully: its name, its table, a single-column primary key', () => {
    for (const entry of ENCRYPTED_COLUMNS) {
      const config = getTableConfig(entry.table);
      expect(entry.name).toBe(`${config.name}.${entry.column.name}`);
      expect(config.columns).toContain(entry.column);
      expect(config.columns).toContain(entry.primaryKey);
      expect(entry.primaryKey.primary).toBe(true);
    }
  });
});
