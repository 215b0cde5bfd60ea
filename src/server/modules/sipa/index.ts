import type { FastifyInstance } from 'fastify';
import { sipaRoutes } from './routes.ts';
import { sipaCaseType } from './type.ts';

/** SIPA advice requests: registers the `sipa` case type and its routes. */
export async function sipaModule(app: FastifyInstance) {
  app.cases.registry.register(sipaCaseType);
  await app.register(sipaRoutes);
}
