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
import { AppError } from '../../lib/errors.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import {
  auditRefusedRelativeInvite,
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
  const deps = { config: app.config, keyring: app.keyring };

  app.get(
    '/api/me/relatives',
    {
      config: { access: OFFICEHOLDER },
      schema: { tags, summary: 'My relatives', response: { 200: relativesResponseSchema } },
    },
    async (request) => ({ relatives: await listRelatives(app.db, contextOf(request)) }),
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
      const ctx = contextOf(request);
      try {
        const relative = await app.db.transaction((tx) => inviteRelative(tx, ctx, deps, request.body));
        await app.mail.flush();
        return reply.status(201).send({ relative });
      } catch (error) {
        if (error instanceof AppError && error.status === 409)
          await auditRefusedRelativeInvite(app.db, ctx, error.code);
        throw error;
      }
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
      await app.db.transaction((tx) => revokeRelativeInvitation(tx, contextOf(request), request.params.id));
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
    async (request) => {
      const relative = await app.db.transaction((tx) =>
        resendRelativeInvitation(tx, contextOf(request), deps, request.params.id),
      );
      await app.mail.flush();
      return { relative };
    },
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
      await app.db.transaction((tx) => removeRelative(tx, contextOf(request), request.params.id));
      return reply.status(204).send(null);
    },
  );
};
