import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  attendanceBodySchema,
  coordinatorSessionResponseSchema,
  coordinatorSessionsResponseSchema,
  createSessionBodySchema,
  offeringBodySchema,
  offeringIdParamsSchema,
  offeringResponseSchema,
  offeringsResponseSchema,
  participantsResponseSchema,
  sessionIdParamsSchema,
  TRAINING_COORDINATOR_ROLE,
  updateSessionBodySchema,
} from '../../../shared/training.ts';
import { contextOf } from '../../lib/context.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import { createOffering, listOfferings, updateOffering } from './offerings.ts';
import { exportParticipants, listParticipants, recordAttendance } from './participants.ts';
import type { TrainingDeps } from './records.ts';
import { sendDownload } from './routes.ts';
import {
  cancelSession,
  createSession,
  getCoordinatorSession,
  listCoordinatorSessions,
  updateSession,
} from './sessions.ts';

/** Training coordinators only (an admin without the role is refused here). */
const COORDINATORS: RouteAccess = { roles: [TRAINING_COORDINATOR_ROLE] };
const tags = ['training'];
const BASE = '/api/training/coordination';

export const coordinatorRoutes: FastifyPluginAsyncZod<{ deps: TrainingDeps }> = async (app, { deps }) => {
  app.get(
    `${BASE}/offerings`,
    {
      config: { access: COORDINATORS },
      schema: { tags, summary: 'The training offerings', response: { 200: offeringsResponseSchema } },
    },
    async (request) => ({ offerings: await listOfferings(deps, contextOf(request)) }),
  );

  app.post(
    `${BASE}/offerings`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary: 'Add a training offering (title, provider, duration, audience, description nl/en)',
        body: offeringBodySchema,
        response: { 201: offeringResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ offering: await createOffering(deps, contextOf(request), request.body) }),
  );

  app.put(
    `${BASE}/offerings/:offeringId`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary: 'Change a training offering',
        params: offeringIdParamsSchema,
        body: offeringBodySchema,
        response: { 200: offeringResponseSchema },
      },
    },
    async (request) => ({
      offering: await updateOffering(deps, contextOf(request), request.params.offeringId, request.body),
    }),
  );

  app.get(
    `${BASE}/sessions`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary: 'Every session with its counts (seats, waiting, attended)',
        response: { 200: coordinatorSessionsResponseSchema },
      },
    },
    async (request) => ({ sessions: await listCoordinatorSessions(deps, contextOf(request)) }),
  );

  app.post(
    `${BASE}/sessions`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary: 'Plan a session: day parts in Dutch time, place, seats, enrolment deadline',
        body: createSessionBodySchema,
        response: { 201: coordinatorSessionResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ session: await createSession(deps, contextOf(request), request.body) }),
  );

  app.get(
    `${BASE}/sessions/:sessionId`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary: 'One session with its counts (no names)',
        params: sessionIdParamsSchema,
        response: { 200: coordinatorSessionResponseSchema },
      },
    },
    async (request) => ({ session: await getCoordinatorSession(deps, contextOf(request), request.params.sessionId) }),
  );

  app.put(
    `${BASE}/sessions/:sessionId`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary:
          "Change a session's times, place, seats or deadline; calendars follow, more seats go to the waiting list",
        params: sessionIdParamsSchema,
        body: updateSessionBodySchema,
        response: { 200: coordinatorSessionResponseSchema },
      },
    },
    async (request) => ({
      session: await updateSession(deps, contextOf(request), request.params.sessionId, request.body),
    }),
  );

  app.post(
    `${BASE}/sessions/:sessionId/cancel`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary: 'Cancel a session: every seat and waiting-list place ends; calendars get a cancellation',
        params: sessionIdParamsSchema,
        response: { 200: coordinatorSessionResponseSchema },
      },
    },
    async (request) => ({ session: await cancelSession(deps, contextOf(request), request.params.sessionId) }),
  );

  app.get(
    `${BASE}/sessions/:sessionId/participants`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary: 'Who has a seat and who waits (name, office, municipality); audited per person',
        params: sessionIdParamsSchema,
        response: { 200: participantsResponseSchema },
      },
    },
    async (request) => listParticipants(deps, contextOf(request), request.params.sessionId),
  );

  app.get(
    `${BASE}/sessions/:sessionId/participants.csv`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary: 'The seat holders as CSV (name, office, municipality; safe for spreadsheets); audited per person',
        params: sessionIdParamsSchema,
      },
    },
    async (request, reply) => {
      const csv = await exportParticipants(deps, contextOf(request), request.params.sessionId);
      return sendDownload(reply, csv, 'text/csv; charset=utf-8', 'deelnemers.csv');
    },
  );

  app.put(
    `${BASE}/sessions/:sessionId/attendance`,
    {
      config: { access: COORDINATORS },
      schema: {
        tags,
        summary: 'Record who attended, after the session (seat holders only); audited per person',
        params: sessionIdParamsSchema,
        body: attendanceBodySchema,
        response: { 200: participantsResponseSchema },
      },
    },
    async (request) => recordAttendance(deps, contextOf(request), request.params.sessionId, request.body),
  );
};
