import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SHIPPED_QUESTIONNAIRE } from '../../../shared/zelfscan/shipped.ts';
import {
  actionParamsSchema,
  actionResponseSchema,
  resultIdParamsSchema,
  resultPdfQuerySchema,
  savedResultResponseSchema,
  savedResultsResponseSchema,
  saveZelfscanResultBodySchema,
  updateActionBodySchema,
} from '../../../shared/zelfscan-api.ts';
import { contextOf } from '../../lib/context.ts';
import { PDF_RATE_LIMIT, sendPdf } from '../../lib/pdf.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import {
  deleteResult,
  getResult,
  listResults,
  resultPdf,
  saveResult,
  updateAction,
  type ZelfscanDeps,
} from './service.ts';

/** Saving is for officeholders and relatives; reading is owner-only, decided per record by the policy helper. */
const SAVERS: RouteAccess = { roles: ['officeholder', 'relative'] };
const tags = ['zelfscan'];

export const zelfscanRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: ZelfscanDeps = {
    uow: app.unitOfWork,
    keyring: app.keyring,
    questionnaire: SHIPPED_QUESTIONNAIRE,
    publicUrl: app.config.PUBLIC_URL,
  };

  app.post(
    '/api/me/zelfscan/results',
    {
      config: { access: SAVERS },
      schema: {
        tags,
        summary: 'Save my zelfscan result (answers checked against the current questionnaire, stored encrypted)',
        body: saveZelfscanResultBodySchema,
        response: { 201: savedResultResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await saveResult(deps, contextOf(request), request.body);
      return reply.status(201).send({ result });
    },
  );

  app.get(
    '/api/me/zelfscan/results',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'My saved zelfscan results, newest first',
        response: { 200: savedResultsResponseSchema },
      },
    },
    async (request) => ({ results: await listResults(deps, contextOf(request)) }),
  );

  app.get(
    '/api/me/zelfscan/results/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'One of my saved zelfscan results, evaluated, with its action plan',
        params: resultIdParamsSchema,
        response: { 200: savedResultResponseSchema },
      },
    },
    async (request) => ({ result: await getResult(deps, contextOf(request), request.params.id) }),
  );

  app.get(
    '/api/me/zelfscan/results/:id/pdf',
    {
      config: { access: 'signedIn', rateLimit: PDF_RATE_LIMIT },
      schema: {
        tags,
        summary: 'One of my saved zelfscan results as a PDF, with the action plan and the change since last time',
        params: resultIdParamsSchema,
        querystring: resultPdfQuerySchema,
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await resultPdf(deps, contextOf(request), request.params.id, request.query.lang);
      return sendPdf(reply, pdf, fileName);
    },
  );

  app.patch(
    '/api/me/zelfscan/results/:id/actions/:tipId',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Tick off a tip of my action plan, or plan it for a date',
        params: actionParamsSchema,
        body: updateActionBodySchema,
        response: { 200: actionResponseSchema },
      },
    },
    async (request) => {
      const { id, tipId } = request.params;
      return { action: await updateAction(deps, contextOf(request), id, tipId, request.body) };
    },
  );

  app.delete(
    '/api/me/zelfscan/results/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Delete one of my saved zelfscan results for good',
        params: resultIdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteResult(deps, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
