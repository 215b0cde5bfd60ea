import type { FastifyInstance } from 'fastify';
import { type PackageAdminOptions, packageAdminRoutes } from './admin-routes.ts';
import { readPackageContent } from './content.ts';
import { syncPackageParts } from './content-sync.ts';
import { packageRoutes } from './routes.ts';

export type PackageModuleOptions = PackageAdminOptions;

/**
 * The Veiligheidspakket's texts: loaded from `content/` into the database on start, served publicly,
 * edited by admins (a new revision per save; see revisions.ts for how files and edits meet).
 */
export async function packageModule(app: FastifyInstance, options: PackageModuleOptions = {}) {
  const { changed } = await syncPackageParts(app.unitOfWork, await readPackageContent());
  if (changed > 0) app.log.info({ changed }, 'package content loaded');
  await app.register(packageRoutes);
  await app.register(packageAdminRoutes, options);
}
