import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  noBodySchema,
  roleGrantResponseSchema,
  roleGrantsQuerySchema,
  roleGrantsResponseSchema,
} from '../../../shared/admin.ts';
import { contextOf } from '../../lib/context.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import { adminPeopleDepsOf } from './deps.ts';
import { approveRoleGrant, listRoleGrants, rejectRoleGrant } from './role-grants.ts';

const ADMIN: RouteAccess = { roles: ['admin'] };
const tags = ['admin'];

/** /api/admin/role-grants: the four-eyes requests for roles that read cases (see role-grants.ts). */
export const roleGrantRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = adminPeopleDepsOf(app);

  app.get(
    '/api/admin/role-grants',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Role requests waiting for a second admin (or decided ones)',
        querystring: roleGrantsQuerySchema,
        response: { 200: roleGrantsResponseSchema },
      },
    },
    async (request) => listRoleGrants(deps.uow.db, request.actor?.personId ?? null, request.query),
  );

  app.post(
    '/api/admin/role-grants/:id/approve',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Approve a role request of another admin (fresh sign-in needed); the roles are granted',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 200: roleGrantResponseSchema },
      },
    },
    async (request) => ({ grant: await approveRoleGrant(deps, contextOf(request), request.params.id) }),
  );

  app.post(
    '/api/admin/role-grants/:id/reject',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Turn a role request down (or withdraw your own); nothing is granted',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 200: roleGrantResponseSchema },
      },
    },
    async (request) => ({ grant: await rejectRoleGrant(deps, contextOf(request), request.params.id) }),
  );
};
