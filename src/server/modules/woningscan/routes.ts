import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseActionResponseSchema, caseIdParamsSchema } from '../../../shared/cases.ts';
import { LOCALES } from '../../../shared/locale.ts';
import {
  addressResponseSchema,
  measureParamsSchema,
  moveAppointmentSchema,
  proposeSlotsSchema,
  recordAdviceSchema,
  recordVisitSchema,
  slotParamsSchema,
  updateMeasureSchema,
  updateProgressSchema,
  woningscanRequestResponseSchema,
  woningscanRequestSchema,
} from '../../../shared/woningscan.ts';
import { eligibilitySchema, schemesQuerySchema, schemesResponseSchema } from '../../../shared/woningscan-schemes.ts';
import { contentDisposition } from '../../lib/content-disposition.ts';
import { contextOf } from '../../lib/context.ts';
import { PDF_RATE_LIMIT, sendPdf } from '../../lib/pdf.ts';
import {
  appointmentAsIcs,
  cancelAppointment,
  declineSlots,
  moveAppointment,
  pickSlot,
  proposeSlots,
  readAddress,
  requestReschedule,
} from './appointment-service.ts';
import { myEligibility, submitWoningscanRequest, type WoningscanDeps } from './request-service.ts';
import { publicSchemes } from './scheme-read.ts';
import { adviceAsPdf, recordAdvice, recordVisit, updateMeasure, updateProgress } from './visit-service.ts';

const tags = ['woningscan'];
const action = { 200: caseActionResponseSchema };
const ADVISER = { roles: ['ccv_advisor'] } as const;
const OFFICEHOLDER = { roles: ['officeholder'] } as const;

export const woningscanRoutes: FastifyPluginAsyncZod<{ deps: WoningscanDeps }> = async (app, { deps }) => {
  app.get(
    '/api/woningscan/schemes',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The home-security schemes that apply on a day (today when left out)',
        querystring: schemesQuerySchema,
        response: { 200: schemesResponseSchema },
      },
    },
    async (request) => publicSchemes(deps, request.query.on),
  );

  app.get(
    '/api/woningscan/eligibility',
    {
      config: { access: OFFICEHOLDER },
      schema: {
        tags,
        summary: 'What the signed-in office holder can get today, why, and what else they can do',
        response: { 200: eligibilitySchema },
      },
    },
    async (request) => myEligibility(deps, contextOf(request)),
  );

  app.post(
    '/api/woningscan/requests',
    {
      config: { access: OFFICEHOLDER },
      schema: {
        tags,
        summary: 'Ask for a veiligheidsgesprek and woningscan by the CCV',
        body: woningscanRequestSchema,
        response: { 201: woningscanRequestResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitWoningscanRequest(deps, contextOf(request), request.body)),
  );

  app.post(
    '/api/cases/:caseId/woningscan/slots',
    {
      config: { access: ADVISER },
      schema: {
        tags,
        summary: 'Propose times (the assigned adviser)',
        params: caseIdParamsSchema,
        body: proposeSlotsSchema,
        response: action,
      },
    },
    async (request) => proposeSlots(deps, contextOf(request), request.params.caseId, request.body.slots),
  );

  app.post(
    '/api/cases/:caseId/woningscan/slots/:slotId/pick',
    {
      config: { access: OFFICEHOLDER },
      schema: { tags, summary: 'Pick a proposed time (the requester)', params: slotParamsSchema, response: action },
    },
    async (request) => pickSlot(deps, contextOf(request), request.params.caseId, request.params.slotId),
  );

  app.post(
    '/api/cases/:caseId/woningscan/slots/decline',
    {
      config: { access: OFFICEHOLDER },
      schema: {
        tags,
        summary: 'None of the proposed times suits (the requester)',
        params: caseIdParamsSchema,
        response: action,
      },
    },
    async (request) => declineSlots(deps, contextOf(request), request.params.caseId),
  );

  app.put(
    '/api/cases/:caseId/woningscan/appointment',
    {
      config: { access: ADVISER },
      schema: {
        tags,
        summary: 'Move the appointment (the assigned adviser)',
        params: caseIdParamsSchema,
        body: moveAppointmentSchema,
        response: action,
      },
    },
    async (request) => moveAppointment(deps, contextOf(request), request.params.caseId, request.body),
  );

  app.post(
    '/api/cases/:caseId/woningscan/appointment/reschedule-request',
    {
      config: { access: OFFICEHOLDER },
      schema: { tags, summary: 'Ask for another time (the requester)', params: caseIdParamsSchema, response: action },
    },
    async (request) => requestReschedule(deps, contextOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/woningscan/appointment/cancel',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'Cancel the appointment (either side)', params: caseIdParamsSchema, response: action },
    },
    async (request) => cancelAppointment(deps, contextOf(request), request.params.caseId),
  );

  app.get(
    '/api/cases/:caseId/woningscan/appointment.ics',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'The calendar invitation, or its cancellation', params: caseIdParamsSchema },
    },
    async (request, reply) => {
      const { reference, ics } = await appointmentAsIcs(deps, contextOf(request), request.params.caseId);
      return reply
        .header('Content-Disposition', contentDisposition(`Afspraak CCV ${reference}.ics`))
        .header('Cache-Control', 'no-store')
        .header('X-Content-Type-Options', 'nosniff')
        .type('text/calendar; charset=utf-8')
        .send(ics);
    },
  );

  app.get(
    '/api/cases/:caseId/woningscan/address',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The home address for the visit (requester, assigned adviser; until the visit is done)',
        params: caseIdParamsSchema,
        response: { 200: addressResponseSchema },
      },
    },
    async (request, reply) => {
      const address = await readAddress(deps, contextOf(request), request.params.caseId);
      return reply.header('Cache-Control', 'no-store').send({ address });
    },
  );

  app.post(
    '/api/cases/:caseId/woningscan/visit',
    {
      config: { access: ADVISER },
      schema: {
        tags,
        summary: 'The visit took place (the address is removed)',
        params: caseIdParamsSchema,
        body: recordVisitSchema,
        response: action,
      },
    },
    async (request) => recordVisit(deps, contextOf(request), request.params.caseId, request.body.visitedOn),
  );

  app.put(
    '/api/cases/:caseId/woningscan/advice',
    {
      config: { access: ADVISER },
      schema: {
        tags,
        summary: 'The advice per domain and its measures (the assigned adviser)',
        params: caseIdParamsSchema,
        body: recordAdviceSchema,
        response: action,
      },
    },
    async (request) => recordAdvice(deps, contextOf(request), request.params.caseId, request.body),
  );

  app.get(
    '/api/cases/:caseId/woningscan/advice.pdf',
    {
      config: { access: 'signedIn', rateLimit: PDF_RATE_LIMIT },
      schema: {
        tags,
        summary: 'The advice as a PDF, with the scheme of its day',
        params: caseIdParamsSchema,
        querystring: z.object({ lang: z.enum(LOCALES).default('nl') }),
      },
    },
    async (request, reply) => {
      const { reference, pdf } = await adviceAsPdf(deps, contextOf(request), request.params.caseId, request.query.lang);
      return sendPdf(reply, pdf, `Veiligheidsadvies ${reference}.pdf`);
    },
  );

  app.patch(
    '/api/cases/:caseId/woningscan/measures/:measureId',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Where a measure stands (requester or assigned adviser)',
        params: measureParamsSchema,
        body: updateMeasureSchema,
        response: action,
      },
    },
    async (request) =>
      updateMeasure(deps, contextOf(request), request.params.caseId, request.params.measureId, request.body),
  );

  app.put(
    '/api/cases/:caseId/woningscan/progress',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The BVA advice received, and the police label (requester or assigned adviser)',
        params: caseIdParamsSchema,
        body: updateProgressSchema,
        response: action,
      },
    },
    async (request) => updateProgress(deps, contextOf(request), request.params.caseId, request.body),
  );
};
