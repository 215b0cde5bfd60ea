import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  certificateQuerySchema,
  enrolmentIdParamsSchema,
  myEnrolmentResponseSchema,
  myEnrolmentsResponseSchema,
  openSessionsResponseSchema,
  sessionIdParamsSchema,
} from '../../../shared/training.ts';
import { contentDisposition } from '../../lib/content-disposition.ts';
import { contextOf } from '../../lib/context.ts';
import { PDF_RATE_LIMIT, sendPdf } from '../../lib/pdf.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import { CALENDAR_CONTENT_TYPE } from './calendar.ts';
import { calendarFile, certificateFile } from './downloads.ts';
import { cancelEnrolment, enrol, listMyEnrolments } from './enrolment.ts';
import type { TrainingDeps } from './records.ts';
import { listOpenSessions } from './sessions.ts';

/** Office holders: the sessions to come, enrolling, and their own enrolments with its files. */
const OFFICEHOLDERS: RouteAccess = { roles: ['officeholder'] };
const tags = ['training'];

/** A small file download that must not be cached or run: always an attachment. */
export function sendDownload(reply: FastifyReply, content: string, type: string, fileName: string) {
  return reply
    .header('Content-Disposition', contentDisposition(fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'no-store')
    .type(type)
    .send(content);
}

export const participantRoutes: FastifyPluginAsyncZod<{ deps: TrainingDeps }> = async (app, { deps }) => {
  app.get(
    '/api/training/sessions',
    {
      config: { access: OFFICEHOLDERS },
      schema: {
        tags,
        summary: 'The training sessions to come, with seats left and whether my office may enrol',
        response: { 200: openSessionsResponseSchema },
      },
    },
    async (request) => ({ sessions: await listOpenSessions(deps, contextOf(request)) }),
  );

  app.post(
    '/api/training/sessions/:sessionId/enrolments',
    {
      config: { access: OFFICEHOLDERS },
      schema: {
        tags,
        summary: 'Enrol: a seat while there is one, else a place on the waiting list (one per training)',
        params: sessionIdParamsSchema,
        response: { 201: myEnrolmentResponseSchema },
      },
    },
    async (request, reply) => {
      const enrolment = await enrol(deps, contextOf(request), request.params.sessionId);
      return reply.status(201).send({ enrolment });
    },
  );

  app.get(
    '/api/me/training/enrolments',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'My training enrolments, newest first', response: { 200: myEnrolmentsResponseSchema } },
    },
    async (request) => ({ enrolments: await listMyEnrolments(deps, contextOf(request)) }),
  );

  app.post(
    '/api/me/training/enrolments/:enrolmentId/cancel',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Cancel my seat (until the deadline) or leave the waiting list; a freed seat goes to the next in line',
        params: enrolmentIdParamsSchema,
        response: { 200: myEnrolmentResponseSchema },
      },
    },
    async (request) => ({ enrolment: await cancelEnrolment(deps, contextOf(request), request.params.enrolmentId) }),
  );

  app.get(
    '/api/me/training/enrolments/:enrolmentId/calendar.ics',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The calendar invitation of my seat (iCalendar; a cancellation once it ended)',
        params: enrolmentIdParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await calendarFile(deps, contextOf(request), request.params.enrolmentId);
      return sendDownload(reply, file.content, CALENDAR_CONTENT_TYPE, file.fileName);
    },
  );

  app.get(
    '/api/me/training/enrolments/:enrolmentId/certificate.pdf',
    {
      config: { access: 'signedIn', rateLimit: PDF_RATE_LIMIT },
      schema: {
        tags,
        summary: 'My certificate of participation (after the coordinator recorded my attendance)',
        params: enrolmentIdParamsSchema,
        querystring: certificateQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await certificateFile(deps, contextOf(request), request.params.enrolmentId, request.query.lang);
      return sendPdf(reply, file.pdf, file.fileName);
    },
  );
};
