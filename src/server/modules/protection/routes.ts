import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { protectionInputSchema, protectionParamsSchema, protectionResponseSchema } from '../../../shared/protection.ts';
import { contextOf } from '../../lib/context.ts';
import { getProtection, type ProtectionDeps, recordInformed } from './service.ts';

const tags = ['protection'];
const URL = '/api/me/incidents/:incidentId/protection';

/** The protection step on one of my incidents: the owner's alone, decided per record. */
export function protectionRoutes(deps: ProtectionDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      URL,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Whether I was informed about protection for one of my incidents, and my review date',
          params: protectionParamsSchema,
          response: { 200: protectionResponseSchema },
        },
      },
      async (request) => ({ protection: await getProtection(deps, contextOf(request), request.params.incidentId) }),
    );

    app.put(
      URL,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Record that I was informed about protection, with an optional review date of my own',
          params: protectionParamsSchema,
          body: protectionInputSchema,
          response: { 200: protectionResponseSchema },
        },
      },
      async (request) => ({
        protection: await recordInformed(deps, contextOf(request), request.params.incidentId, request.body),
      }),
    );
  };
}
