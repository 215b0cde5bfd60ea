import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignSchema,
  caseActionResponseSchema,
  caseIdParamsSchema,
  caseOutcomeSchema,
  caseStatusSchema,
  changeUrgencySchema,
  consentGrantSchema,
  eraseCaseSchema,
  feedbackSchema,
  grantParamsSchema,
  okResponseSchema,
  proposeGrantSchema,
} from '../../../shared/cases.ts';
import { contextOf } from '../../lib/context.ts';
import { requireRecentAuthentication } from '../sessions/step-up.ts';
import { assignCase, releaseCase, takeCase } from './assignment.ts';
import { decideGrant, proposeGrant } from './grants.ts';
import { changeStatus, changeUrgency, closeCase, giveFeedback, reopenCase } from './lifecycle.ts';
import { eraseOnRequest } from './retention.ts';
import { caseRouteAccess } from './route-access.ts';

const tags = ['cases'];

/** The case core's actions on one case: status, urgency, assignment, closing, feedback, erasure, grants. */
export const actionRoutes: FastifyPluginAsyncZod = async (app) => {
  const core = app.cases;
  const access = caseRouteAccess(core.registry);
  const plain = { tags, params: caseIdParamsSchema, response: { 200: caseActionResponseSchema } };

  app.post(
    '/api/cases/:caseId/status',
    {
      config: { access: access.staff },
      schema: {
        ...plain,
        summary: 'Move the case to another status its type allows',
        // A status of no type at all is invalid input; another type's status is a refused transition (409).
        body: z.strictObject({ to: caseStatusSchema.refine((to) => core.registry.knowsStatus(to), 'not a status') }),
      },
    },
    async (request) => changeStatus(core, contextOf(request), request.params.caseId, request.body.to),
  );

  app.post(
    '/api/cases/:caseId/urgency',
    {
      config: { access: access.staff },
      schema: { ...plain, summary: 'Change the urgency (the due time follows)', body: changeUrgencySchema },
    },
    async (request) => changeUrgency(core, contextOf(request), request.params.caseId, request.body.urgency),
  );

  app.post(
    '/api/cases/:caseId/assign',
    {
      config: { access: access.coordinators },
      schema: { ...plain, summary: 'Assign (or reassign) the case: the type’s coordinator', body: assignSchema },
    },
    async (request) => assignCase(core, contextOf(request), request.params.caseId, request.body.personId),
  );

  app.post(
    '/api/cases/:caseId/take',
    { config: { access: access.staff }, schema: { ...plain, summary: 'Take an unassigned case from the queue' } },
    async (request) => takeCase(core, contextOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/release',
    { config: { access: access.staff }, schema: { ...plain, summary: 'Hand the case back to the queue' } },
    async (request) => releaseCase(core, contextOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/reopen',
    {
      config: { access: 'signedIn' },
      schema: { ...plain, summary: 'Reopen my closed case (within the reopen window)' },
    },
    async (request) => reopenCase(core, contextOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/close',
    {
      config: { access: 'signedIn' },
      schema: {
        ...plain,
        summary: 'Close with an outcome (the requester may withdraw)',
        body: z.strictObject({
          outcome: caseOutcomeSchema.refine((outcome) => core.registry.knowsOutcome(outcome), 'not an outcome'),
        }),
      },
    },
    async (request) => closeCase(core, contextOf(request), request.params.caseId, request.body.outcome),
  );

  app.post(
    '/api/cases/:caseId/feedback',
    {
      config: { access: 'signedIn' },
      schema: { ...plain, summary: 'Feedback on a closed case (the requester, once)', body: feedbackSchema },
    },
    async (request) => giveFeedback(core, contextOf(request), request.params.caseId, request.body),
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
      await eraseOnRequest(core, contextOf(request), request.params.caseId, request.body.reference);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/cases/:caseId/grants',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Propose letting a peer or expert in (the requester decides)',
        params: caseIdParamsSchema,
        body: proposeGrantSchema,
        response: { 201: caseActionResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await proposeGrant(core, contextOf(request), request.params.caseId, request.body);
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
        core,
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
      async (request) => decideGrant(core, contextOf(request), request.params.caseId, request.params.grantId, decision),
    );
  }
};
