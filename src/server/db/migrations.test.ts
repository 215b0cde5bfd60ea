import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, readMigrationJournal } from './migrations.ts';

describe('migrations in the repository', () => {
  const { entries } = readMigrationJournal();

  // drizzle applies only migrations newer than the last applied one: a migration merged with an older
  // timestamp than an applied one would be skipped silently on existing databases.
  it('are numbered without gaps and ordered in time', () => {
    expect(entries.map((entry) => entry.idx)).toEqual(entries.map((_, index) => index));
    for (let index = 1; index < entries.length; index++) {
      expect(entries[index]?.when).toBeGreaterThan(entries[index - 1]?.when ?? 0);
    }
  });

  it('has one SQL file per journal entry and no stray files', () => {
    const files = readdirSync(migrationsFolder).filter((name) => name.endsWith('.sql'));
    expect(files.sort()).toEqual(entries.map((entry) => `${entry.tag}.sql`).sort());
  });
});
