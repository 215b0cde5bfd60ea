import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, noBodySchema } from '../../../shared/admin.ts';
import { deadLettersQuerySchema, deadLettersResponseSchema } from '../../../shared/admin-mail.ts';
import { contextOf } from '../../lib/context.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import type { PeopleDeps } from './deps.ts';
import { listMailFailures, retryMailFailure } from './mail-failure-service.ts';

const ADMIN: RouteAccess = { roles: ['admin'] };
const tags = ['admin'];

/** Mail that could not be delivered (dead letters), without content; see mail-failure-service.ts. */
export const mailFailureRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: PeopleDeps = { uow: app.unitOfWork, config: app.config, keyring: app.keyring };

  app.get(
    '/api/admin/mail/dead-letters',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Mail that could not be delivered (no subject or body; the recipient masked)',
        querystring: deadLettersQuerySchema,
        response: { 200: deadLettersResponseSchema },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const { rows, total } = await listMailFailures(deps, { page, pageSize });
      return {
        deadLetters: rows.map((row) => ({
          ...row,
          createdAt: row.createdAt.toISOString(),
          deadAt: row.deadAt.toISOString(),
        })),
        total,
        page,
        pageSize,
      };
    },
  );

  app.post(
    '/api/admin/mail/dead-letters/:id/retry',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Send a dead letter once more, now (audited)',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await retryMailFailure(deps, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
