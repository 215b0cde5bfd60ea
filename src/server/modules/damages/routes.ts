import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  damageClaimInputSchema,
  damageClaimParamsSchema,
  damageClaimResponseSchema,
  damageIncidentParamsSchema,
  incidentDamagesResponseSchema,
} from '../../../shared/damages.ts';
import { contextOf } from '../../lib/context.ts';
import type { DamagesDeps } from './access.ts';
import { createClaim, deleteClaim, getIncidentDamages, updateClaim } from './claims-service.ts';

const tags = ['damages'];

/** The owner's damage claims. Every route is decided per record (the incident's or the claim's owner). */
export const damageRoutes: FastifyPluginAsyncZod<{ deps: DamagesDeps }> = async (app, { deps }) => {
  app.get(
    '/api/me/incidents/:incidentId/damages',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'My incident’s damage claims, with the Schadefonds rules on its day and today',
        params: damageIncidentParamsSchema,
        response: { 200: incidentDamagesResponseSchema },
      },
    },
    async (request) => getIncidentDamages(deps, contextOf(request), request.params.incidentId),
  );

  app.post(
    '/api/me/incidents/:incidentId/damages',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Record a damage claim on my incident',
        params: damageIncidentParamsSchema,
        body: damageClaimInputSchema,
        response: { 201: damageClaimResponseSchema },
      },
    },
    async (request, reply) => {
      const claim = await createClaim(deps, contextOf(request), request.params.incidentId, request.body);
      return reply.status(201).send({ claim });
    },
  );

  app.put(
    '/api/me/damages/:claimId',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Update my damage claim (route, status, heads, note, deadlines)',
        params: damageClaimParamsSchema,
        body: damageClaimInputSchema,
        response: { 200: damageClaimResponseSchema },
      },
    },
    async (request) => ({ claim: await updateClaim(deps, contextOf(request), request.params.claimId, request.body) }),
  );

  app.delete(
    '/api/me/damages/:claimId',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'Delete my damage claim', params: damageClaimParamsSchema },
    },
    async (request, reply) => {
      await deleteClaim(deps, contextOf(request), request.params.claimId);
      return reply.status(204).send();
    },
  );
};
