import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  assignSchema,
  attachmentParamsSchema,
  attachmentSchema,
  attachmentsResponseSchema,
  caseActionResponseSchema,
  caseDetailSchema,
  caseIdParamsSchema,
  caseTypesResponseSchema,
  changeStatusSchema,
  changeUrgencySchema,
  closeCaseSchema,
  consentGrantSchema,
  eraseCaseSchema,
  feedbackSchema,
  grantParamsSchema,
  messagesResponseSchema,
  myCasesResponseSchema,
  notesResponseSchema,
  okResponseSchema,
  postMessageSchema,
  postNoteSchema,
  proposeGrantSchema,
  queueQuerySchema,
  queueResponseSchema,
  timelineResponseSchema,
} from '../../../shared/cases.ts';
import type { Role } from '../../../shared/roles.ts';
import { contextOf } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { requireRecentAuthentication } from '../sessions/step-up.ts';
import { addAttachment, attachmentTooLarge, listAttachments, readAttachment } from './attachments.ts';
import { contentDisposition } from './files.ts';
import { listQueue } from './queue.ts';
import { eraseOnRequest } from './retention.ts';
import {
  assignCase,
  changeStatus,
  changeUrgency,
  closeCase,
  decideGrant,
  getCaseDetail,
  getTimeline,
  giveFeedback,
  listMessages,
  listMyCases,
  listNotes,
  postMessage,
  postNote,
  proposeGrant,
  releaseCase,
  reopenCase,
  takeCase,
} from './service.ts';

/** Staff of any case type: function-level gate for staff-only routes (the case itself decides the rest). */
export const CASE_STAFF_ROLES: readonly Role[] = ['confidant', 'ot_coordinator', 'sipa_advisor'];
/** Roles that may coordinate (assign) some case type. */
export const CASE_COORDINATOR_ROLES: readonly Role[] = ['ot_coordinator'];
/** Everyone who may have a queue: staff, and peers/experts for the cases shared with them. */
export const CASE_QUEUE_ROLES: readonly Role[] = [...CASE_STAFF_ROLES, 'peer', 'expert'];

const tags = ['cases'];

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.cases;

  await app.register(multipart, {
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 200, headerPairs: 50 },
  });

  app.get(
    '/api/cases/types',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Case types: statuses, outcomes and targets',
        response: { 200: caseTypesResponseSchema },
      },
    },
    async () => ({
      types: deps.registry.all().map((definition) => ({
        type: definition.type,
        statuses: [...definition.statuses],
        outcomes: [...definition.outcomes],
        pausedStatus: definition.pausedStatus,
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
    async (request) => ({ cases: await listMyCases(deps, contextOf(request)) }),
  );

  app.get(
    '/api/cases/queue',
    {
      config: { access: { roles: CASE_QUEUE_ROLES } },
      schema: {
        tags,
        summary: 'Staff queue: unassigned, mine, due soon, late, shared with me, closed',
        querystring: queueQuerySchema,
        response: { 200: queueResponseSchema },
      },
    },
    async (request) => listQueue(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/cases/:caseId',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'One case, as far as the caller may see it',
        params: caseIdParamsSchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => getCaseDetail(deps, contextOf(request), request.params.caseId),
  );

  app.get(
    '/api/cases/:caseId/timeline',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'What happened', params: caseIdParamsSchema, response: { 200: timelineResponseSchema } },
    },
    async (request) => ({ events: await getTimeline(deps, contextOf(request), request.params.caseId) }),
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
    async (request) => ({ messages: await listMessages(deps, contextOf(request), request.params.caseId) }),
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
      const result = await postMessage(deps, contextOf(request), request.params.caseId, request.body.body);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/cases/:caseId/notes',
    {
      config: { access: { roles: CASE_STAFF_ROLES } },
      schema: {
        tags,
        summary: 'Internal notes (staff)',
        params: caseIdParamsSchema,
        response: { 200: notesResponseSchema },
      },
    },
    async (request) => ({ notes: await listNotes(deps, contextOf(request), request.params.caseId) }),
  );

  app.post(
    '/api/cases/:caseId/notes',
    {
      config: { access: { roles: CASE_STAFF_ROLES } },
      schema: {
        tags,
        summary: 'Add an internal note (never shown to the requester; never counts as a response)',
        params: caseIdParamsSchema,
        body: postNoteSchema,
        response: { 201: z.object({ id: z.uuid(), at: z.iso.datetime() }) },
      },
    },
    async (request, reply) => {
      const result = await postNote(deps, contextOf(request), request.params.caseId, request.body.body);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/cases/:caseId/attachments',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'Files', params: caseIdParamsSchema, response: { 200: attachmentsResponseSchema } },
    },
    async (request) => listAttachments(deps, contextOf(request), request.params.caseId),
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
      const attachment = await addAttachment(deps, contextOf(request), request.params.caseId, {
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
      const file = await readAttachment(deps, contextOf(request), request.params.caseId, request.params.attachmentId);
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

  const action = (
    path: string,
    access: 'signedIn' | { roles: readonly Role[] },
    summary: string,
    run: (caseId: string, request: Parameters<typeof contextOf>[0]) => Promise<{ id: string; status: string }>,
  ) => {
    app.post(
      path,
      {
        config: { access },
        schema: { tags, summary, params: caseIdParamsSchema, response: { 200: caseActionResponseSchema } },
      },
      async (request) => run(request.params.caseId, request) as never,
    );
  };

  app.post(
    '/api/cases/:caseId/status',
    {
      config: { access: { roles: CASE_STAFF_ROLES } },
      schema: {
        tags,
        summary: 'Move the case to another status its type allows',
        params: caseIdParamsSchema,
        body: changeStatusSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => changeStatus(deps, contextOf(request), request.params.caseId, request.body.to),
  );

  app.post(
    '/api/cases/:caseId/urgency',
    {
      config: { access: { roles: CASE_STAFF_ROLES } },
      schema: {
        tags,
        summary: 'Change the urgency (the due time follows)',
        params: caseIdParamsSchema,
        body: changeUrgencySchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => changeUrgency(deps, contextOf(request), request.params.caseId, request.body.urgency),
  );

  app.post(
    '/api/cases/:caseId/assign',
    {
      config: { access: { roles: CASE_COORDINATOR_ROLES } },
      schema: {
        tags,
        summary: 'Assign (or reassign) the case: the type’s coordinator',
        params: caseIdParamsSchema,
        body: assignSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => assignCase(deps, contextOf(request), request.params.caseId, request.body.personId),
  );

  action('/api/cases/:caseId/take', { roles: CASE_STAFF_ROLES }, 'Take an unassigned case from the queue', (id, r) =>
    takeCase(deps, contextOf(r), id),
  );
  action('/api/cases/:caseId/release', { roles: CASE_STAFF_ROLES }, 'Hand the case back to the queue', (id, r) =>
    releaseCase(deps, contextOf(r), id),
  );
  action('/api/cases/:caseId/reopen', 'signedIn', 'Reopen my closed case (within the reopen window)', (id, r) =>
    reopenCase(deps, contextOf(r), id),
  );

  app.post(
    '/api/cases/:caseId/close',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Close with an outcome (the requester may withdraw)',
        params: caseIdParamsSchema,
        body: closeCaseSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => closeCase(deps, contextOf(request), request.params.caseId, request.body.outcome),
  );

  app.post(
    '/api/cases/:caseId/feedback',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Feedback on a closed case (the requester, once)',
        params: caseIdParamsSchema,
        body: feedbackSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) => giveFeedback(deps, contextOf(request), request.params.caseId, request.body),
  );

  app.post(
    '/api/cases/:caseId/erase',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Delete the content of my closed case now (step-up; type the reference)',
        params: caseIdParamsSchema,
        body: eraseCaseSchema,
        response: { 200: okResponseSchema },
      },
    },
    async (request) => {
      requireRecentAuthentication(request);
      await eraseOnRequest(deps, contextOf(request), request.params.caseId, request.body.reference);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/cases/:caseId/grants',
    {
      config: { access: { roles: CASE_STAFF_ROLES } },
      schema: {
        tags,
        summary: 'Propose letting a peer or expert in (the requester decides)',
        params: caseIdParamsSchema,
        body: proposeGrantSchema,
        response: { 201: caseActionResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await proposeGrant(deps, contextOf(request), request.params.caseId, request.body);
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/cases/:caseId/grants/:grantId/consent',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Let the proposed person in, for these scopes (the requester)',
        params: grantParamsSchema,
        body: consentGrantSchema,
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) =>
      decideGrant(
        deps,
        contextOf(request),
        request.params.caseId,
        request.params.grantId,
        'consent',
        request.body.scopes,
      ),
  );

  for (const decision of ['decline', 'revoke'] as const) {
    app.post(
      `/api/cases/:caseId/grants/:grantId/${decision}`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: decision === 'decline' ? 'Say no to a proposal (the requester)' : 'End a permission at once',
          params: grantParamsSchema,
          response: { 200: caseActionResponseSchema },
        },
      },
      async (request) => decideGrant(deps, contextOf(request), request.params.caseId, request.params.grantId, decision),
    );
  }
};
