import type { FastifyInstance } from 'fastify';
import type { ZelfscanResultProvider } from '../support/zelfscan.ts';
import { zelfscanRoutes } from './routes.ts';
import { resultOwnedBy } from './service.ts';

/** Saved zelfscan results and their action plans (/api/me/zelfscan/results). */
export async function zelfscanModule(app: FastifyInstance) {
  await app.register(zelfscanRoutes);
}

/** What the support module asks: does this saved result exist and belong to this person? */
export function zelfscanResultProvider(app: FastifyInstance): ZelfscanResultProvider {
  return { ownedBy: (resultId, personId) => resultOwnedBy(app.db, resultId, personId) };
}
