import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpMigratedTemplate } from '../../src/server/db/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory dump; each test file starts its own database from it. */
    pgliteTemplate: string;
  }
}

/** Migrating PGlite costs seconds; do it once per run and let every test file load the result. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'weerbaar-template-'));
  const file = path.join(dir, 'template.tar');
  const dump = await dumpMigratedTemplate();
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
