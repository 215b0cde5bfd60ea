import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminInvitationsQuerySchema,
  adminInvitationsResponseSchema,
  adminInviteBodySchema,
  adminPeopleQuerySchema,
  adminPeopleResponseSchema,
  adminPersonResponseSchema,
  adminRolesBodySchema,
  idParamsSchema,
  noBodySchema,
  resendInvitationResponseSchema,
} from '../../../shared/admin.ts';
import { contextOf } from '../../lib/context.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import { listInvitations, listPeople } from './admin-queries.ts';
import {
  deactivatePerson,
  invitePerson,
  reactivatePerson,
  resendInvitation,
  revokeInvitationAsAdmin,
  viewPerson,
} from './admin-service.ts';
import { adminPeopleDepsOf } from './deps.ts';
import { changeRoles } from './roles-service.ts';

const ADMIN: RouteAccess = { roles: ['admin'] };
const tags = ['admin'];

/** /api/admin/people and /api/admin/invitations: account management for admins (account data only). */
export const adminPeopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = adminPeopleDepsOf(app);

  app.get(
    '/api/admin/people',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'List and search people (name or e-mail), by role and status',
        querystring: adminPeopleQuerySchema,
        response: { 200: adminPeopleResponseSchema },
      },
    },
    async (request) => listPeople(deps.uow.db, request.query),
  );

  app.get(
    '/api/admin/people/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'One person’s account data (never anything from cases)',
        params: idParamsSchema,
        response: { 200: adminPersonResponseSchema },
      },
    },
    async (request) => ({ person: await viewPerson(deps, contextOf(request), request.params.id) }),
  );

  app.post(
    '/api/admin/people',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary:
          'Invite a person with roles; the activation link goes by mail. Roles that read cases wait for a second admin',
        body: adminInviteBodySchema,
        response: { 201: adminPersonResponseSchema },
      },
    },
    async (request, reply) => {
      const { person } = await invitePerson(deps, contextOf(request), request.body);
      return reply.status(201).send({ person });
    },
  );

  app.put(
    '/api/admin/people/:id/roles',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Replace a person’s roles (never your own); roles that read cases wait for a second admin (202)',
        params: idParamsSchema,
        body: adminRolesBodySchema,
        response: { 200: adminPersonResponseSchema, 202: adminPersonResponseSchema },
      },
    },
    async (request, reply) => {
      const { person, pendingApproval } = await changeRoles(deps, contextOf(request), request.params.id, request.body);
      return reply.status(pendingApproval ? 202 : 200).send({ person });
    },
  );

  app.post(
    '/api/admin/people/:id/deactivate',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Deactivate an account; all its sessions end at once',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 200: adminPersonResponseSchema },
      },
    },
    async (request) => ({ person: await deactivatePerson(deps, contextOf(request), request.params.id) }),
  );

  app.post(
    '/api/admin/people/:id/reactivate',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Reactivate a deactivated account',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 200: adminPersonResponseSchema },
      },
    },
    async (request) => ({ person: await reactivatePerson(deps, contextOf(request), request.params.id) }),
  );

  app.post(
    '/api/admin/people/:id/resend-invitation',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Send a new activation link; the previous one stops working',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 200: resendInvitationResponseSchema },
      },
    },
    async (request) => ({ invitation: await resendInvitation(deps, contextOf(request), request.params.id) }),
  );

  app.get(
    '/api/admin/invitations',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Invitations by state (default: pending)',
        querystring: adminInvitationsQuerySchema,
        response: { 200: adminInvitationsResponseSchema },
      },
    },
    async (request) => listInvitations(deps.uow.db, request.query),
  );

  app.post(
    '/api/admin/invitations/:id/revoke',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Revoke a pending invitation',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeInvitationAsAdmin(deps, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
