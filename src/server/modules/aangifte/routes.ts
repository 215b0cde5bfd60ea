import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  aangifteChoicesInputSchema,
  aangifteIncidentParamsSchema,
  aangifteLangQuerySchema,
  aangifteStateResponseSchema,
  policeReportInputSchema,
  policeReportResponseSchema,
} from '../../../shared/aangifte.ts';
import { contextOf } from '../../lib/context.ts';
import { PDF_RATE_LIMIT, sendPdf } from '../../lib/pdf.ts';
import type { AangifteDeps } from './access.ts';
import { getAangifte, recordPoliceReport, saveChoices } from './service.ts';
import { preparationSheet } from './sheet.ts';

const tags = ['aangifte'];
const BASE = '/api/me/incidents/:incidentId/aangifte';

/** The aangifte aid on one of my incidents: every route is the incident owner's, decided per record. */
export function aangifteRoutes(deps: AangifteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      BASE,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'My choices in the aangifte aid and what I recorded about the police, for one of my incidents',
          params: aangifteIncidentParamsSchema,
          response: { 200: aangifteStateResponseSchema },
        },
      },
      async (request) => ({ aangifte: await getAangifte(deps, contextOf(request), request.params.incidentId) }),
    );

    app.put(
      `${BASE}/choices`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Save my choices (privacy variant, VPT code, internal report); fields left out stay',
          params: aangifteIncidentParamsSchema,
          body: aangifteChoicesInputSchema,
          response: { 200: aangifteStateResponseSchema },
        },
      },
      async (request) => ({
        aangifte: await saveChoices(deps, contextOf(request), request.params.incidentId, request.body),
      }),
    );

    app.post(
      `${BASE}/police-reports`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Record what happened at the police (melding or aangifte); it goes on the incident timeline',
          params: aangifteIncidentParamsSchema,
          querystring: aangifteLangQuerySchema,
          body: policeReportInputSchema,
          response: { 201: policeReportResponseSchema },
        },
      },
      async (request, reply) => {
        const report = await recordPoliceReport(
          deps,
          contextOf(request),
          request.params.incidentId,
          request.body,
          request.query.lang,
        );
        return reply.status(201).send({ report });
      },
    );

    app.get(
      `${BASE}/sheet`,
      {
        config: { access: 'signedIn', rateLimit: PDF_RATE_LIMIT },
        schema: {
          tags,
          summary: 'My one-page preparation sheet to take to the police (PDF)',
          params: aangifteIncidentParamsSchema,
          querystring: aangifteLangQuerySchema,
        },
      },
      async (request, reply) => {
        const sheet = await preparationSheet(deps, contextOf(request), request.params.incidentId, request.query.lang);
        return sendPdf(reply, sheet.pdf, sheet.fileName);
      },
    );
  };
}
