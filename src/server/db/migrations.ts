import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number().int(), when: z.number().int(), tag: z.string() })),
});

export type MigrationJournal = z.infer<typeof journalSchema>;

export function readMigrationJournal(): MigrationJournal {
  return journalSchema.parse(JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')));
}

/** drizzle records each applied migration with the journal's `when`; the newest tells us we are up to date. */
export function latestMigrationMillis(): number {
  return Math.max(0, ...readMigrationJournal().entries.map((entry) => entry.when));
}
