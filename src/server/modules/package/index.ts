import type { FastifyInstance } from 'fastify';
import { readPackageContent } from './content.ts';
import { syncPackageParts } from './repository.ts';
import { packageRoutes } from './routes.ts';

/** The Veiligheidspakket's texts: loaded from `content/` into the database on start, served publicly. */
export async function packageModule(app: FastifyInstance) {
  const { changed } = await syncPackageParts(app.db, await readPackageContent());
  if (changed > 0) app.log.info({ changed }, 'package content loaded');
  await app.register(packageRoutes);
}
