import type { FastifyInstance } from 'fastify';
import { woningscanAdminRoutes } from './admin-routes.ts';
import { addressOf } from './ics.ts';
import type { WoningscanDeps } from './request-service.ts';
import { woningscanRoutes } from './routes.ts';
import { syncShippedSchemes } from './schemes.ts';
import { woningscanCaseType } from './type.ts';

/**
 * Woningscan and veiligheidsgesprek: registers the `woningscan` case type, loads the shipped schemes the
 * database does not have yet, and registers its routes and the admins' scheme routes.
 */
export async function woningscanModule(app: FastifyInstance) {
  app.cases.registerType(woningscanCaseType);
  const added = await syncShippedSchemes(app.unitOfWork);
  if (added > 0) app.log.info({ added }, 'woningscan schemes loaded');
  const deps = woningscanDepsOf(app);
  await app.register(woningscanRoutes, { deps });
  await app.register(woningscanAdminRoutes, { uow: app.unitOfWork });
}

/** What the woningscan's services need, from a built app (its routes; the demo seeds through the same services). */
export function woningscanDepsOf(app: FastifyInstance): WoningscanDeps {
  return {
    cases: app.cases.of(woningscanCaseType),
    now: () => app.unitOfWork.now(),
    publicUrl: app.config.PUBLIC_URL,
    organizerEmail: addressOf(app.config.MAIL_FROM),
  };
}
