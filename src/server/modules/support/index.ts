import type { FastifyInstance } from 'fastify';
import { supportRoutes } from './routes.ts';
import { supportCaseType } from './type.ts';
import { noZelfscanResults, type ZelfscanResultProvider } from './zelfscan.ts';

/** Ondersteuningsteam support requests: registers the `support` case type and its routes. */
export async function supportModule(app: FastifyInstance, options: { zelfscan?: ZelfscanResultProvider } = {}) {
  app.cases.registry.register(supportCaseType);
  await app.register(supportRoutes, { zelfscan: options.zelfscan ?? noZelfscanResults });
}
