import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { protectionRoutes } from './routes.ts';
import { type ProtectionDeps, protectionStep } from './service.ts';

/**
 * The Stelsel bewaken en beveiligen on an incident: information (on the web page) and one step the person
 * records — informed, with an optional review date. No measures, threat levels or operational details,
 * ever (README.md).
 */
async function protection(app: FastifyInstance) {
  const deps: ProtectionDeps = { uow: app.unitOfWork, incidents: app.incidents };
  app.incidents.path.register(protectionStep);
  await app.register(protectionRoutes(deps));
}

export const protectionModule = fp(protection, { name: 'protection', dependencies: ['incidents'] });
