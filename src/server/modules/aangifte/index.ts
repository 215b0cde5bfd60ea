import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AangifteDeps } from './access.ts';
import { internalReportStep, policeStep } from './path-steps.ts';
import { aangifteRoutes } from './routes.ts';
import { dossierCoverLines } from './sheet.ts';

/**
 * The aangifte aid (/api/me/incidents/:incidentId/aangifte): informs and prepares a melding or aangifte,
 * records what happened at the police, and adds the internal-report and police steps to the incident's
 * path and the police lines to the dossier's cover. Weerbaar never files anything.
 */
async function aangifte(app: FastifyInstance) {
  const deps: AangifteDeps = { uow: app.unitOfWork, keyring: app.keyring, incidents: app.incidents };
  app.incidents.path.register(internalReportStep(app.keyring));
  app.incidents.path.register(policeStep);
  app.incidents.dossierCover.push(dossierCoverLines(deps));
  await app.register(aangifteRoutes(deps));
}

export const aangifteModule = fp(aangifte, { name: 'aangifte', dependencies: ['incidents'] });
