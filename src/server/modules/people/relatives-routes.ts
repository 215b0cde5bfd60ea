import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  inviteRelativeBodySchema,
  noBodySchema,
  relativeResponseSchema,
  relativesResponseSchema,
} from '../../../shared/admin.ts';
import { contextOf } from '../../lib/context.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import type { PeopleDeps } from './deps.ts';
import {
  inviteRelative,
  listRelatives,
  removeRelative,
  resendRelativeInvitation,
  revokeRelativeInvitation,
} from './relatives-service.ts';

const OFFICEHOLDER: RouteAccess = { roles: ['officeholder'] };
const tags = ['relatives'];

/** /api/me/relatives: an officeholder invites and manages their own relatives. */
export const relativesRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: PeopleDeps = { uow: app.unitOfWork, config: app.config, keyring: app.keyring };

  app.get(
    '/api/me/relatives',
    {
      config: { access: OFFICEHOLDER },
      schema: { tags, summary: 'My relatives', response: { 200: relativesResponseSchema } },
    },
    async (request) => ({ relatives: await listRelatives(deps.uow.db, contextOf(request)) }),
  );

  app.post(
    '/api/me/relatives',
    {
      config: { access: OFFICEHOLDER },
      schema: {
        tags,
        summary: 'Invite a relative; the activation link goes to them by mail',
        body: inviteRelativeBodySchema,
        response: { 201: relativeResponseSchema },
      },
    },
    async (request, reply) => {
      const relative = await inviteRelative(deps, contextOf(request), request.body);
      return reply.status(201).send({ relative });
    },
  );

  app.post(
    '/api/me/relatives/:id/revoke-invitation',
    {
      config: { access: OFFICEHOLDER },
      schema: {
        tags,
        summary: 'Revoke the pending invitation of my relative',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeRelativeInvitation(deps, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/me/relatives/:id/resend-invitation',
    {
      config: { access: OFFICEHOLDER },
      schema: {
        tags,
        summary: 'Send my relative a new activation link; the previous one stops working',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 200: relativeResponseSchema },
      },
    },
    async (request) => ({ relative: await resendRelativeInvitation(deps, contextOf(request), request.params.id) }),
  );

  app.delete(
    '/api/me/relatives/:id',
    {
      config: { access: OFFICEHOLDER },
      schema: {
        tags,
        summary: 'End my relative’s access (their account is deactivated unless they hold another role)',
        params: idParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeRelative(deps, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
