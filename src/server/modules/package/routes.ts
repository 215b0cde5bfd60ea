import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { packagePartsResponseSchema } from '../../../shared/package.ts';
import { listPackageParts } from './repository.ts';

export const packageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/package/parts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['package'],
        summary: 'The parts of the Veiligheidspakket, in Dutch and English',
        response: { 200: packagePartsResponseSchema },
      },
    },
    async (_request, reply) => {
      // Public and identical for everyone: browsers may keep it for a minute.
      reply.header('Cache-Control', 'public, max-age=60');
      return { parts: await listPackageParts(app.db) };
    },
  );
};
