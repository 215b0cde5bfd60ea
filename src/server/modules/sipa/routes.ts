import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseActionResponseSchema, caseIdParamsSchema } from '../../../shared/cases.ts';
import {
  recordSipaAdviceSchema,
  sipaConflictCheckSchema,
  sipaDetailsSchema,
  sipaRecordIntakeSchema,
  sipaRequestResponseSchema,
  sipaRequestSchema,
} from '../../../shared/sipa.ts';
import { contextOf } from '../../lib/context.ts';
import { PDF_RATE_LIMIT, sendPdf } from '../../lib/pdf.ts';
import {
  adviceAsPdf,
  decideConflict,
  recordPhoneIntake,
  recordSipaAdvice,
  type SipaCases,
  shareSipaDetails,
  submitSipaRequest,
} from './service.ts';

const tags = ['sipa'];

export const sipaRoutes: FastifyPluginAsyncZod<{ cases: SipaCases }> = async (app, { cases }) => {
  app.post(
    '/api/sipa/requests',
    {
      config: { access: { roles: ['officeholder'] } },
      schema: {
        tags,
        summary: 'Ask SIPA for a phone intake: who asks, the topic, a phone number, times to call',
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
    '/api/cases/:caseId/sipa/intake',
    {
      config: { access: { roles: ['sipa_advisor'] } },
      schema: {
        tags,
        summary: 'Record the phone intake: when it was held and what was agreed (the assigned advisor)',
        params: caseIdParamsSchema,
        body: sipaRecordIntakeSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => recordPhoneIntake(cases, contextOf(request), request.params.caseId, request.body),
  );

  app.put(
    '/api/cases/:caseId/sipa/details',
    {
      config: { access: { roles: ['officeholder'] } },
      schema: {
        tags,
        summary: 'Share the signal, the person concerned and the question, after the phone intake (requester)',
        params: caseIdParamsSchema,
        body: sipaDetailsSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => shareSipaDetails(cases, contextOf(request), request.params.caseId, request.body),
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
