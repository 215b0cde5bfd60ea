import type { FastifyInstance } from 'fastify';
import { SHIPPED_QUESTIONNAIRE } from '../../../shared/zelfscan/shipped.ts';
import type { ZelfscanResultProvider } from '../support/zelfscan.ts';
import { zelfscanRoutes } from './routes.ts';
import { resultOwnedBy, sharedResult } from './service.ts';

/** Saved zelfscan results and their action plans (/api/me/zelfscan/results). */
export async function zelfscanModule(app: FastifyInstance) {
  await app.register(zelfscanRoutes);
}

/** What the support module asks: does this saved result exist and belong to this person, and what does it say? */
export function zelfscanResultProvider(app: FastifyInstance): ZelfscanResultProvider {
  return {
    ownedBy: (resultId, personId) => resultOwnedBy(app.db, resultId, personId),
    shared: (db, resultId, ownerId) =>
      sharedResult(db, { keyring: app.keyring, questionnaire: SHIPPED_QUESTIONNAIRE }, resultId, ownerId),
  };
}
