import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  aftercareAnswersResponseSchema,
  aftercareAnswersSchema,
  aftercareCaseParamsSchema,
  aftercareCheckInParamsSchema,
  aftercarePlanParamsSchema,
  aftercareRequestResponseSchema,
  aftercareRequestSchema,
  aftercareSharingSchema,
  aftercareStaffPlanResponseSchema,
  aftercareStepParamsSchema,
  aftercareStepSchema,
  answerAftercareResponseSchema,
  endAftercarePlanResponseSchema,
  endAftercarePlanSchema,
  extendAftercarePlanSchema,
  myAftercareResponseSchema,
  offerAftercareReferralSchema,
  openAftercarePlanSchema,
  setAftercareRelativesSchema,
  updateAftercareStepSchema,
} from '../../../shared/aftercare.ts';
import { contextOf } from '../../lib/context.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import { supportCaseType } from '../support/type.ts';
import { answerCheckIn, readAnswers } from './check-in-service.ts';
import { listMyPlans, setRelatives, setSharing, updateStep } from './participant-service.ts';
import { openPlan, readStaffPlan } from './plan-service.ts';
import type { AftercareDeps } from './records.ts';
import { type AftercareRequester, requestAftercare } from './request.ts';
import { endPlan, extendPlan, offerReferral } from './staff-service.ts';

const tags = ['aftercare'];
/** The support case's staff (its assignable roles); the service lets in only the case's assigned one. */
const CONFIDANTS: RouteAccess = { roles: supportCaseType.assignableRoles };
/** Who may take part in a plan: office holders and their relatives. */
const PARTICIPANTS: RouteAccess = { roles: ['officeholder', 'relative'] };
/** Routes both sides use; the service decides by the caller's relation to the plan. */
const SIGNED_IN: RouteAccess = 'signedIn';

export const aftercareRoutes: FastifyPluginAsyncZod<{ deps: AftercareDeps; requester: AftercareRequester }> = async (
  app,
  { deps, requester },
) => {
  app.post(
    '/api/aftercare/cases/:caseId/plan',
    {
      config: { access: CONFIDANTS },
      schema: {
        tags,
        summary: 'Open the aftercare plan on a support case, with the consent of the person (assigned confidant)',
        params: aftercareCaseParamsSchema,
        body: openAftercarePlanSchema,
        response: { 201: aftercareStaffPlanResponseSchema },
      },
    },
    async (request, reply) => {
      const plan = await openPlan(deps, contextOf(request), request.params.caseId, request.body);
      return reply.status(201).send({ plan });
    },
  );

  app.get(
    '/api/aftercare/cases/:caseId/plan',
    {
      config: { access: CONFIDANTS },
      schema: {
        tags,
        summary: "The case's aftercare plan: check-in states and referral prompts (audited; assigned confidant)",
        params: aftercareCaseParamsSchema,
        response: { 200: aftercareStaffPlanResponseSchema },
      },
    },
    async (request) => ({ plan: await readStaffPlan(deps, contextOf(request), request.params.caseId) }),
  );

  app.post(
    '/api/aftercare/requests',
    {
      config: { access: PARTICIPANTS },
      schema: {
        tags,
        summary: 'Ask for aftercare: on a support case of yours, or with a new support request',
        body: aftercareRequestSchema,
        response: { 201: aftercareRequestResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestAftercare(deps, requester, contextOf(request), request.body)),
  );

  app.get(
    '/api/aftercare/me',
    {
      config: { access: PARTICIPANTS },
      schema: { tags, summary: 'The aftercare plans I take part in', response: { 200: myAftercareResponseSchema } },
    },
    async (request) => ({ plans: await listMyPlans(deps, contextOf(request)) }),
  );

  app.put(
    '/api/aftercare/plans/:planId/relatives',
    {
      config: { access: PARTICIPANTS },
      schema: {
        tags,
        summary: 'Choose which of my relatives take part (the person)',
        params: aftercarePlanParamsSchema,
        body: setAftercareRelativesSchema,
        response: { 200: myAftercareResponseSchema },
      },
    },
    async (request) => ({
      plans: await setRelatives(deps, contextOf(request), request.params.planId, request.body.relativeIds),
    }),
  );

  app.put(
    '/api/aftercare/plans/:planId/sharing',
    {
      config: { access: PARTICIPANTS },
      schema: {
        tags,
        summary: 'Share my answers with the person, or stop (an included relative)',
        params: aftercarePlanParamsSchema,
        body: aftercareSharingSchema,
        response: { 200: myAftercareResponseSchema },
      },
    },
    async (request) => ({
      plans: await setSharing(deps, contextOf(request), request.params.planId, request.body.shareAnswersWithPerson),
    }),
  );

  app.patch(
    '/api/aftercare/plans/:planId/steps/:stepId',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: "Tick a step of the plan (the person, the step's relative, the confidant)",
        params: aftercareStepParamsSchema,
        body: updateAftercareStepSchema,
        response: { 200: aftercareStepSchema },
      },
    },
    async (request) =>
      updateStep(deps, contextOf(request), request.params.planId, request.params.stepId, request.body.done),
  );

  app.post(
    '/api/aftercare/check-ins/:checkInId/answers',
    {
      config: { access: PARTICIPANTS },
      schema: {
        tags,
        summary: 'Answer my check-in, once (each question may be answered with "liever niet")',
        params: aftercareCheckInParamsSchema,
        body: aftercareAnswersSchema,
        response: { 200: answerAftercareResponseSchema },
      },
    },
    async (request) => answerCheckIn(deps, contextOf(request), request.params.checkInId, request.body),
  );

  app.get(
    '/api/aftercare/check-ins/:checkInId/answers',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The answers of a check-in (who answered; the confidant and a shared-with person, audited)',
        params: aftercareCheckInParamsSchema,
        response: { 200: aftercareAnswersResponseSchema },
      },
    },
    async (request) => readAnswers(deps, contextOf(request), request.params.checkInId),
  );

  app.post(
    '/api/aftercare/plans/:planId/referrals',
    {
      config: { access: CONFIDANTS },
      schema: {
        tags,
        summary: 'Offer a referral to one participant (assigned confidant)',
        params: aftercarePlanParamsSchema,
        body: offerAftercareReferralSchema,
        response: { 200: aftercareStaffPlanResponseSchema },
      },
    },
    async (request) => ({ plan: await offerReferral(deps, contextOf(request), request.params.planId, request.body) }),
  );

  app.post(
    '/api/aftercare/plans/:planId/extend',
    {
      config: { access: CONFIDANTS },
      schema: {
        tags,
        summary: 'One more check-in moment (assigned confidant)',
        params: aftercarePlanParamsSchema,
        body: extendAftercarePlanSchema,
        response: { 200: aftercareStaffPlanResponseSchema },
      },
    },
    async (request) => ({
      plan: await extendPlan(deps, contextOf(request), request.params.planId, request.body.afterDays),
    }),
  );

  app.post(
    '/api/aftercare/plans/:planId/end',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'End the plan now (the person or the assigned confidant)',
        params: aftercarePlanParamsSchema,
        body: endAftercarePlanSchema,
        response: { 200: endAftercarePlanResponseSchema },
      },
    },
    async (request) => endPlan(deps, contextOf(request), request.params.planId, request.body.reason),
  );
};
