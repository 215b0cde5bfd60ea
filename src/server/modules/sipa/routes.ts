import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseActionResponseSchema, caseIdParamsSchema } from '../../../shared/cases.ts';
import {
  recordSipaAdviceSchema,
  sipaConflictCheckSchema,
  sipaRequestResponseSchema,
  sipaRequestSchema,
} from '../../../shared/sipa.ts';
import { contextOf } from '../../lib/context.ts';
import { PDF_RATE_LIMIT, sendPdf } from '../../lib/pdf.ts';
import { adviceAsPdf, decideConflict, recordSipaAdvice, type SipaCases, submitSipaRequest } from './service.ts';

const tags = ['sipa'];

export const sipaRoutes: FastifyPluginAsyncZod<{ cases: SipaCases }> = async (app, { cases }) => {
  await app.register(rateLimit, { global: false });

  app.post(
    '/api/sipa/requests',
    {
      config: { access: { roles: ['officeholder'] } },
      schema: {
        tags,
        summary: 'Ask SIPA for advice on an integrity signal',
        body: sipaRequestSchema,
        response: { 201: sipaRequestResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await submitSipaRequest(cases, contextOf(request), request.body);
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/cases/:caseId/sipa/conflict-check',
    {
      config: { access: { roles: ['sipa_advisor'] } },
      schema: {
        tags,
        summary: 'Confirm there is no conflict of interest, or hand the request back',
        params: caseIdParamsSchema,
        body: sipaConflictCheckSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => decideConflict(cases, contextOf(request), request.params.caseId, request.body.decision),
  );

  app.put(
    '/api/cases/:caseId/sipa/advice',
    {
      config: { access: { roles: ['sipa_advisor'] } },
      schema: {
        tags,
        summary: 'Record the structured advice (the assigned advisor)',
        params: caseIdParamsSchema,
        body: recordSipaAdviceSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => recordSipaAdvice(cases, contextOf(request), request.params.caseId, request.body.advice),
  );

  app.get(
    '/api/cases/:caseId/sipa/advice.pdf',
    {
      config: { access: 'signedIn', rateLimit: PDF_RATE_LIMIT },
      schema: { tags, summary: 'The advice as a PDF (requester, assigned advisor)', params: caseIdParamsSchema },
    },
    async (request, reply) => {
      const { reference, pdf } = await adviceAsPdf(cases, contextOf(request), request.params.caseId);
      return sendPdf(reply, pdf, `Advies SIPA ${reference}.pdf`);
    },
  );
};
