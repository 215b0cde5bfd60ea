import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentParamsSchema,
  attachmentSchema,
  attachmentsResponseSchema,
  caseDetailSchema,
  caseIdParamsSchema,
  caseStatusSchema,
  caseTypeSchema,
  caseTypesResponseSchema,
  messagesResponseSchema,
  myCasesResponseSchema,
  notesResponseSchema,
  postMessageSchema,
  postNoteSchema,
  queueQuerySchema,
  queueResponseSchema,
  timelineResponseSchema,
} from '../../../shared/cases.ts';
import { contentDisposition } from '../../lib/content-disposition.ts';
import { contextOf } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { addAttachment, attachmentTooLarge, listAttachments, readAttachment } from './attachments.ts';
import { listMessages, listNotes, postMessage, postNote } from './conversation.ts';
import { listQueue } from './queue.ts';
import { getCaseDetail, getTimeline, listMyCases } from './read.ts';
import { caseRouteAccess } from './route-access.ts';

const tags = ['cases'];

/** The case core's routes for reading a case, its conversation and its files; actions are in action-routes.ts. */
export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const core = app.cases;
  const access = caseRouteAccess(core.registry);

  await app.register(multipart, {
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 200, headerPairs: 50 },
  });

  app.get(
    '/api/cases/types',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Case types: statuses, outcomes, own actions and targets',
        response: { 200: caseTypesResponseSchema },
      },
    },
    async () => ({
      types: core.registry.all().map((definition) => ({
        type: definition.type,
        statuses: [...definition.statuses],
        outcomes: [...definition.outcomes],
        pausedStatus: definition.pausedStatus,
        actions: Object.keys(definition.actions ?? {}),
        reopenDays: definition.settings.reopenDays,
        retentionDays: definition.settings.retentionDays,
        firstResponseTargets: definition.settings.firstResponse,
      })),
    }),
  );

  app.get(
    '/api/me/cases',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'My cases, with status, next step and who helps',
        response: { 200: myCasesResponseSchema },
      },
    },
    async (request) => ({ cases: await listMyCases(core, contextOf(request)) }),
  );

  app.get(
    '/api/cases/queue',
    {
      config: { access: access.queue },
      schema: {
        tags,
        summary: 'Staff queue: unassigned, mine, due soon, late, shared with me, closed',
        // A type or status no registered type has is invalid input (400), like any other bad field.
        querystring: queueQuerySchema.extend({
          type: caseTypeSchema.refine((type) => core.registry.has(type), 'not a case type'),
          status: caseStatusSchema.refine((status) => core.registry.knowsStatus(status), 'not a status').optional(),
        }),
        response: { 200: queueResponseSchema },
      },
    },
    async (request) => listQueue(core, contextOf(request), request.query),
  );

  app.get(
    '/api/cases/:caseId',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'One case, as far as the caller may see it (`typeDetail`: the schema of its type)',
        params: caseIdParamsSchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => getCaseDetail(core, contextOf(request), request.params.caseId),
  );

  app.get(
    '/api/cases/:caseId/timeline',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'What happened', params: caseIdParamsSchema, response: { 200: timelineResponseSchema } },
    },
    async (request) => ({ events: await getTimeline(core, contextOf(request), request.params.caseId) }),
  );

  app.get(
    '/api/cases/:caseId/messages',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Messages (marks them read)',
        params: caseIdParamsSchema,
        response: { 200: messagesResponseSchema },
      },
    },
    async (request) => ({ messages: await listMessages(core, contextOf(request), request.params.caseId) }),
  );

  app.post(
    '/api/cases/:caseId/messages',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Write a message',
        params: caseIdParamsSchema,
        body: postMessageSchema,
        response: { 201: z.object({ id: z.uuid(), at: z.iso.datetime() }) },
      },
    },
    async (request, reply) => {
      const result = await postMessage(core, contextOf(request), request.params.caseId, request.body.body);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/cases/:caseId/notes',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Internal notes (staff)',
        params: caseIdParamsSchema,
        response: { 200: notesResponseSchema },
      },
    },
    async (request) => ({ notes: await listNotes(core, contextOf(request), request.params.caseId) }),
  );

  app.post(
    '/api/cases/:caseId/notes',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Add an internal note (never shown to the requester; never counts as a response)',
        params: caseIdParamsSchema,
        body: postNoteSchema,
        response: { 201: z.object({ id: z.uuid(), at: z.iso.datetime() }) },
      },
    },
    async (request, reply) => {
      const result = await postNote(core, contextOf(request), request.params.caseId, request.body.body);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/cases/:caseId/attachments',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'Files', params: caseIdParamsSchema, response: { 200: attachmentsResponseSchema } },
    },
    async (request) => listAttachments(core, contextOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/attachments',
    {
      config: { access: 'signedIn' },
      bodyLimit: ATTACHMENT_MAX_BYTES + 64 * 1024,
      schema: {
        tags,
        summary: 'Add a file (multipart/form-data, one part named `file`); ?evidence=true keeps an image untouched',
        params: caseIdParamsSchema,
        querystring: z.object({ evidence: z.enum(['true', 'false']).optional() }),
        response: { 201: attachmentSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(
          415,
          'unsupported_media_type',
          'Unsupported Media Type',
          'Send the file as multipart/form-data.',
        );
      }
      let upload: { bytes: Buffer; fileName: string };
      try {
        const part = await request.file();
        if (part?.fieldname !== 'file') {
          throw new AppError(400, 'attachment_missing', 'Bad Request', 'Send one file in a part named `file`.');
        }
        upload = { bytes: await part.toBuffer(), fileName: part.filename ?? '' };
      } catch (error) {
        if (error instanceof AppError) throw error;
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw attachmentTooLarge();
        throw new AppError(400, 'attachment_unreadable', 'Bad Request', 'The upload could not be read.');
      }
      const attachment = await addAttachment(core, contextOf(request), request.params.caseId, {
        ...upload,
        evidence: request.query.evidence === 'true',
      });
      return reply.status(201).send(attachment);
    },
  );

  app.get(
    '/api/cases/:caseId/attachments/:attachmentId',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Download a file (always as an attachment, sandboxed)',
        params: attachmentParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await readAttachment(core, contextOf(request), request.params.caseId, request.params.attachmentId);
      return reply
        .header('Content-Disposition', contentDisposition(file.fileName))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; default-src 'none'; frame-ancestors 'none'")
        .header('Cross-Origin-Resource-Policy', 'same-origin')
        .header('Cache-Control', 'no-store')
        .type(file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType)
        .send(file.bytes);
    },
  );
};
