import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessLogResponseSchema } from '../../../shared/session.ts';
import { unauthorized } from '../../lib/errors.ts';
import { listAccessByOthers } from './service.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me/access-log',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['audit'],
        summary: 'Wie heeft mijn gegevens ingezien? Every access to my records by someone else',
        response: { 200: accessLogResponseSchema },
      },
    },
    async (request) => {
      if (!request.actor) throw unauthorized();
      return { entries: await listAccessByOthers(app.db, app.accessLog, request.actor.personId) };
    },
  );
};
