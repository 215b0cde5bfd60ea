import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseActionResponseSchema, caseIdParamsSchema } from '../../../shared/cases.ts';
import {
  addIncidentShareSchema,
  incidentShareParamsSchema,
  incidentSharesQuerySchema,
  incidentSharesResponseSchema,
  sharedEvidenceParamsSchema,
  sharedIncidentResponseSchema,
} from '../../../shared/incident-share.ts';
import { contentDisposition } from '../../lib/content-disposition.ts';
import { contextOf } from '../../lib/context.ts';
import {
  type IncidentShareProvider,
  listIncidentShares,
  readSharedEvidence,
  readSharedIncident,
  shareIncident,
  withdrawIncidentShare,
} from './incident-share.ts';
import type { SupportCases } from './service.ts';

const tags = ['support'];
const BASE = '/api/cases/:caseId/support/incidents';

/** A file of a shared incident: never cached, never run by the browser; a photo is shown inline. */
function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; size: number; body: unknown }) {
  const inline = file.contentType.startsWith('image/');
  return reply
    .header(
      'Content-Disposition',
      contentDisposition(file.fileName).replace(/^attachment/, inline ? 'inline' : 'attachment'),
    )
    .header('Content-Length', String(file.size))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "sandbox; default-src 'none'; frame-ancestors 'none'")
    .header('Cache-Control', 'no-store')
    .type(file.contentType)
    .send(file.body);
}

/**
 * Sharing an incident with a support request, by consent. Who may do what is the case policy's (the
 * support type's `share_incident`, `withdraw_incident_share`, `read_incident`), decided per case; the
 * routes admit anyone signed in and answer 404 to everyone else, as the zelfscan routes do.
 */
export const supportIncidentRoutes: FastifyPluginAsyncZod<{
  cases: SupportCases;
  incidents: IncidentShareProvider;
}> = async (app, options) => {
  const { cases, incidents } = options;

  app.post(
    BASE,
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Share one of my incidents with this open support request (the parts and files I choose)',
        params: caseIdParamsSchema,
        body: addIncidentShareSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => shareIncident(cases, contextOf(request), request.params.caseId, request.body, incidents),
  );

  app.post(
    `${BASE}/:incidentId/withdraw`,
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Stop sharing my incident with this case (at once)',
        params: incidentShareParamsSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) =>
      withdrawIncidentShare(cases, contextOf(request), request.params.caseId, request.params.incidentId),
  );

  app.get(
    `${BASE}/:incidentId`,
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'A shared incident, only the consented parts (requester, assigned confidant, OT coordinator; audited)',
        params: incidentShareParamsSchema,
        response: { 200: sharedIncidentResponseSchema },
      },
    },
    async (request) =>
      readSharedIncident(cases, contextOf(request), request.params.caseId, request.params.incidentId, incidents),
  );

  app.get(
    `${BASE}/:incidentId/evidence/:evidenceId`,
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'A consented file of a shared incident (a photo without location data; audited)',
        params: sharedEvidenceParamsSchema,
      },
    },
    async (request, reply) =>
      sendFile(reply, await readSharedEvidence(cases, contextOf(request), request.params, incidents)),
  );

  app.get(
    '/api/support/incident-shares',
    {
      config: { access: { roles: ['officeholder', 'relative'] } },
      schema: {
        tags,
        summary: 'Where one of my incidents is shared now',
        querystring: incidentSharesQuerySchema,
        response: { 200: incidentSharesResponseSchema },
      },
    },
    async (request) => listIncidentShares(cases, contextOf(request), request.query.incidentId, incidents),
  );
};
