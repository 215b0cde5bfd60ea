import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseActionResponseSchema, caseIdParamsSchema } from '../../../shared/cases.ts';
import {
  recordSupportAdviceSchema,
  supportRequestResponseSchema,
  supportRequestSchema,
  supportStaffQuerySchema,
  supportStaffResponseSchema,
} from '../../../shared/support.ts';
import { sharedZelfscanResponseSchema } from '../../../shared/zelfscan-api.ts';
import { contextOf } from '../../lib/context.ts';
import type { IncidentShareProvider } from './incident-share.ts';
import {
  listSupportStaff,
  recordSupportAdvice,
  type SupportCases,
  submitSupportRequest,
  withdrawZelfscan,
} from './service.ts';
import { supportCaseType } from './type.ts';
import { readSharedZelfscan, type ZelfscanResultProvider } from './zelfscan.ts';

const tags = ['support'];

export const supportRoutes: FastifyPluginAsyncZod<{
  cases: SupportCases;
  zelfscan: ZelfscanResultProvider;
  incidents: IncidentShareProvider;
}> = async (app, options) => {
  const { cases } = options;
  const staff = { roles: supportCaseType.assignableRoles };

  app.post(
    '/api/support/requests',
    {
      config: { access: { roles: ['officeholder', 'relative'] } },
      schema: {
        tags,
        summary: 'Ask the Ondersteuningsteam for support (or raise a concern about a colleague)',
        body: supportRequestSchema,
        response: { 201: supportRequestResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await submitSupportRequest(
        cases,
        contextOf(request),
        request.body,
        options.zelfscan,
        options.incidents,
      );
      return reply.status(201).send(result);
    },
  );

  app.put(
    '/api/cases/:caseId/support/advice',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Record structured advice (the assigned confidant)',
        params: caseIdParamsSchema,
        body: recordSupportAdviceSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => recordSupportAdvice(cases, contextOf(request), request.params.caseId, request.body.advice),
  );

  app.post(
    '/api/cases/:caseId/support/zelfscan/withdraw',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Stop sharing my zelfscan result with this case',
        params: caseIdParamsSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => withdrawZelfscan(cases, contextOf(request), request.params.caseId),
  );

  app.get(
    '/api/cases/:caseId/support/zelfscan',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The zelfscan result the requester shared (requester, assigned confidant, OT coordinator; audited)',
        params: caseIdParamsSchema,
        response: { 200: sharedZelfscanResponseSchema },
      },
    },
    async (request) => readSharedZelfscan(cases, contextOf(request), request.params.caseId, options.zelfscan),
  );

  app.get(
    '/api/support/staff',
    {
      config: { access: { roles: ['ot_coordinator', 'confidant'] } },
      schema: {
        tags,
        summary: 'Confidants, peers or experts (for assigning and for proposing whom to let in)',
        querystring: supportStaffQuerySchema,
        response: { 200: supportStaffResponseSchema },
      },
    },
    async (request) => ({ people: await listSupportStaff(cases.db, request.query.role) }),
  );
};
