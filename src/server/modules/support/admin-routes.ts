import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { associationRoutingResponseSchema, putAssociationRoutingSchema } from '../../../shared/association-routing.ts';
import { contextOf } from '../../lib/context.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { associationRoutingView, saveAssociationRouting } from './routing.ts';

const tags = ['support', 'admin'];
const ADMIN = { roles: ['admin'] } as const;

/**
 * Admins keep which association receives a support request, by office (Beheer → Routering hulpvragen):
 * a setting, no case content. A change applies to new requests only.
 */
export const supportAdminRoutes: FastifyPluginAsyncZod<{ uow: UnitOfWork }> = async (app, { uow }) => {
  app.get(
    '/api/admin/support/association-routing',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Which association receives a support request, by office (and the defaults)',
        response: { 200: associationRoutingResponseSchema },
      },
    },
    async () => associationRoutingView(uow.db),
  );

  app.put(
    '/api/admin/support/association-routing',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Set the association of every office (new requests only; each change audited)',
        body: putAssociationRoutingSchema,
        response: { 200: associationRoutingResponseSchema },
      },
    },
    async (request) => {
      await saveAssociationRouting(uow, contextOf(request), request.body.routing);
      return associationRoutingView(uow.db);
    },
  );
};
