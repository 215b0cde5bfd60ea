import type { FastifyInstance } from 'fastify';
import { sipaRoutes } from './routes.ts';
import { sipaSettingsFromConfig } from './settings.ts';
import { sipaCaseType } from './type.ts';

/** SIPA advice requests: registers the `sipa` case type and its routes. */
export async function sipaModule(app: FastifyInstance) {
  const cases = app.cases.registerType(sipaCaseType, { settings: sipaSettingsFromConfig(app.config) });
  await app.register(sipaRoutes, { cases });
}
