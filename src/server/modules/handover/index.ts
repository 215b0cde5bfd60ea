import type { FastifyInstance } from 'fastify';
import { ensureCurrentEdition } from './editions.ts';
import { loadRegionIndex } from './regions.ts';
import { handoverRoutes } from './routes.ts';

/**
 * "A copy for every new office holder": registering appointments (one by one or from a CSV file), the
 * personal printable package (PDF) with its activation QR code and short code, handover tracking, and
 * the office holder's own download of any package version. Registered after the package module, whose
 * content this snapshots as a package version on start.
 */
export async function handoverModule(app: FastifyInstance) {
  const edition = await ensureCurrentEdition(app.unitOfWork);
  app.log.debug({ version: edition.version }, 'package version');
  await app.register(handoverRoutes, { regions: await loadRegionIndex() });
}
