import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  outboxMessageResponseSchema,
  outboxQuerySchema,
  outboxResponseSchema,
} from '../../../shared/admin.ts';
import { contextOf } from '../../lib/context.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import type { PeopleDeps } from './deps.ts';
import { listOutbox, readOutbox } from './outbox-service.ts';

const ADMIN: RouteAccess = { roles: ['admin'] };
const tags = ['admin'];

/** The local mail outbox for admins (only without SMTP_URL; see outbox-service.ts). */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: PeopleDeps = { uow: app.unitOfWork, config: app.config, keyring: app.keyring };

  app.get(
    '/api/admin/outbox',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Local mail outbox (only without SMTP_URL)',
        querystring: outboxQuerySchema,
        response: { 200: outboxResponseSchema },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const { rows, total } = await listOutbox(deps, { page, pageSize });
      return {
        messages: rows.map((row) => ({
          id: row.id,
          recipient: row.recipient,
          subject: row.subject,
          kind: row.kind,
          createdAt: row.createdAt.toISOString(),
          sentAt: row.sentAt?.toISOString() ?? null,
        })),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/admin/outbox/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'One message of the local outbox, with its text (audited)',
        params: idParamsSchema,
        response: { 200: outboxMessageResponseSchema },
      },
    },
    async (request) => {
      const message = await readOutbox(deps, contextOf(request), request.params.id);
      return {
        message: {
          id: message.id,
          recipient: message.recipient,
          subject: message.subject,
          kind: message.kind,
          createdAt: message.createdAt.toISOString(),
          sentAt: message.sentAt?.toISOString() ?? null,
          body: message.text,
        },
      };
    },
  );
};
