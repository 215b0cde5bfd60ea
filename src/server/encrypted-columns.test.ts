import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from './db/schema.ts';
import { encryptedColumnRegistry } from './encrypted-columns.ts';

describe('the registry of encrypted columns, as the modules register them', () => {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
  const registered = encryptedColumnRegistry().all();

  it('names every envelope column of the schema, so key rotation misses none', () => {
    const inSchema = tables.flatMap((table) => {
      const config = getTableConfig(table);
      return config.columns
        .filter((column) => column.name.endsWith('_envelope'))
        .map((c) => `${config.name}.${c.name}`);
    });
    const names = registered.map((entry) => entry.name);
    // A failure here: add the column to its module's list and register it in src/server/encrypted-columns.ts.
    expect(inSchema.filter((name) => !names.includes(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['totp_credentials.secret_envelope', 'mail_outbox.body_envelope']));
  });

  it('describes each entry truthfully: its name, its table, a single-column primary key', () => {
    for (const entry of registered) {
      const config = getTableConfig(entry.table);
      expect(entry.name).toBe(`${config.name}.${entry.column.name}`);
      expect(config.columns).toContain(entry.column);
      expect(config.columns).toContain(entry.primaryKey);
      expect(entry.primaryKey.primary).toBe(true);
    }
  });

  it('records which module owns each column', () => {
    const registry = encryptedColumnRegistry();
    expect(registry.ownerOf('totp_credentials.secret_envelope')).toBe('auth');
    expect(registry.ownerOf('mail_outbox.body_envelope')).toBe('mail');
    expect(registry.ownerOf('zelfscan_results.answers_envelope')).toBe('zelfscan');
  });
});
