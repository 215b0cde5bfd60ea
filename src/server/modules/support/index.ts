import type { FastifyInstance } from 'fastify';
import { supportIncidentRoutes } from './incident-routes.ts';
import { type IncidentShareProvider, noIncidents } from './incident-share.ts';
import { supportRoutes } from './routes.ts';
import { supportSettingsFromConfig } from './settings.ts';
import { supportCaseType } from './type.ts';
import { noZelfscanResults, type ZelfscanResultProvider } from './zelfscan.ts';

/** Ondersteuningsteam support requests: registers the `support` case type and its routes. */
export async function supportModule(
  app: FastifyInstance,
  options: { zelfscan?: ZelfscanResultProvider; incidents?: IncidentShareProvider } = {},
) {
  const cases = app.cases.registerType(supportCaseType, { settings: supportSettingsFromConfig(app.config) });
  const incidents = options.incidents ?? noIncidents;
  await app.register(supportRoutes, { cases, zelfscan: options.zelfscan ?? noZelfscanResults, incidents });
  await app.register(supportIncidentRoutes, { cases, incidents });
}
