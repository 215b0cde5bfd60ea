import type { FastifyInstance } from 'fastify';
import { supportAdminRoutes } from './admin-routes.ts';
import { supportIncidentRoutes } from './incident-routes.ts';
import { type IncidentShareProvider, noIncidents } from './incident-share.ts';
import { supportRoutes } from './routes.ts';
import { supportSettingsFromConfig } from './settings.ts';
import { supportCaseType } from './type.ts';
import { noZelfscanResults, type ZelfscanResultProvider } from './zelfscan.ts';

/**
 * Ondersteuningsteam support requests: registers the `support` case type, its routes and the admins'
 * routing of requests to associations.
 */
export async function supportModule(
  app: FastifyInstance,
  options: { zelfscan?: ZelfscanResultProvider; incidents?: IncidentShareProvider } = {},
) {
  const cases = app.cases.registerType(supportCaseType, { settings: supportSettingsFromConfig(app.config) });
  const incidents = options.incidents ?? noIncidents;
  await app.register(supportRoutes, { cases, zelfscan: options.zelfscan ?? noZelfscanResults, incidents });
  await app.register(supportIncidentRoutes, { cases, incidents });
  await app.register(supportAdminRoutes, { uow: app.unitOfWork });
}
