import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { adminDamageRulesSchema, newDamageRulesSchema } from '../../../shared/damages.ts';
import { contextOf } from '../../lib/context.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { adminRules, reviseRules } from './rules.ts';

const tags = ['damages', 'admin'];
const ADMIN = { roles: ['admin'] } as const;

/**
 * Admins keep the Schadefonds rules (Beheer → Schadefonds): public information, never a claim. Each save
 * is a new revision with its author; nothing is overwritten, and nothing that has started changes.
 */
export const damageRulesAdminRoutes: FastifyPluginAsyncZod<{ uow: UnitOfWork }> = async (app, { uow }) => {
  app.get(
    '/api/admin/damages/rules',
    {
      config: { access: ADMIN },
      schema: { tags, summary: 'The Schadefonds rules, every version', response: { 200: adminDamageRulesSchema } },
    },
    async () => adminRules(uow),
  );

  app.post(
    '/api/admin/damages/rules',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Save Schadefonds rules from a day after today',
        body: newDamageRulesSchema,
        response: { 201: adminDamageRulesSchema },
      },
    },
    async (request, reply) => {
      await reviseRules(uow, contextOf(request), request.body);
      return reply.status(201).send(await adminRules(uow));
    },
  );
};
