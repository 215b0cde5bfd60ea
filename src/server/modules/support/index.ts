import type { FastifyInstance } from 'fastify';
import { supportRoutes } from './routes.ts';
import { supportSettingsFromConfig } from './settings.ts';
import { supportCaseType } from './type.ts';
import { noZelfscanResults, type ZelfscanResultProvider } from './zelfscan.ts';

/** Ondersteuningsteam support requests: registers the `support` case type and its routes. */
export async function supportModule(app: FastifyInstance, options: { zelfscan?: ZelfscanResultProvider } = {}) {
  const cases = app.cases.registerType(supportCaseType, { settings: supportSettingsFromConfig(app.config) });
  await app.register(supportRoutes, { cases, zelfscan: options.zelfscan ?? noZelfscanResults });
}
