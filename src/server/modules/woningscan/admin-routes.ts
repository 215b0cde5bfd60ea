import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adminSchemeDetailSchema,
  adminSchemeListSchema,
  dutchDay,
  newSchemeRevisionSchema,
  schemeKeyParamsSchema,
} from '../../../shared/woningscan-schemes.ts';
import { contextOf } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { currentSchemes, reviseScheme, schemeHistory } from './schemes.ts';

const tags = ['woningscan', 'admin'];
const ADMIN = { roles: ['admin'] } as const;

/**
 * Admins keep the schemes (Beheer → Regelingen): public information, no case content. Each save is a
 * new revision with its author; nothing is overwritten or deleted, and no revision rewrites the past.
 */
export const woningscanAdminRoutes: FastifyPluginAsyncZod<{ uow: UnitOfWork }> = async (app, { uow }) => {
  app.get(
    '/api/admin/woningscan/schemes',
    {
      config: { access: ADMIN },
      schema: { tags, summary: 'Every scheme, as it stands now', response: { 200: adminSchemeListSchema } },
    },
    async () => ({ today: dutchDay(uow.now()), schemes: await currentSchemes(uow.db) }),
  );

  app.get(
    '/api/admin/woningscan/schemes/:key',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'A scheme with all its revisions',
        params: schemeKeyParamsSchema,
        response: { 200: adminSchemeDetailSchema },
      },
    },
    async (request) => {
      const detail = await schemeHistory(uow.db, request.params.key);
      if (!detail) throw notFound();
      return detail;
    },
  );

  app.post(
    '/api/admin/woningscan/schemes/:key/revisions',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Save a new revision of a scheme (the first one makes a new scheme)',
        params: schemeKeyParamsSchema,
        body: newSchemeRevisionSchema,
        response: { 201: adminSchemeDetailSchema },
      },
    },
    async (request, reply) => {
      await reviseScheme(uow, contextOf(request), request.params.key, request.body);
      const detail = await schemeHistory(uow.db, request.params.key);
      return reply.status(201).send(detail ?? { key: request.params.key, revisions: [] });
    },
  );
};
