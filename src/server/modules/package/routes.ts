import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  packagePartResponseSchema,
  packagePartsResponseSchema,
  packageSearchQuerySchema,
  packageSearchResponseSchema,
  packageSlugSchema,
} from '../../../shared/package.ts';
import { problemSchema } from '../../../shared/problem.ts';
import { notFound } from '../../lib/errors.ts';
import { findPackagePart, listPackageParts } from './repository.ts';
import { searchPackage } from './search.ts';

/** Public and identical for everyone: browsers may keep it for a minute. */
const PUBLIC_CACHE = 'public, max-age=60';

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
      reply.header('Cache-Control', PUBLIC_CACHE);
      return { parts: await listPackageParts(app.db) };
    },
  );

  app.get(
    '/api/package/parts/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags: ['package'],
        summary: 'One part of the Veiligheidspakket with its full page text (Markdown), in Dutch and English',
        params: z.object({ slug: packageSlugSchema }),
        response: { 200: packagePartResponseSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const part = await findPackagePart(app.db, request.params.slug);
      if (!part) throw notFound('There is no part of the package with this slug.');
      reply.header('Cache-Control', PUBLIC_CACHE);
      return { part };
    },
  );

  app.get(
    '/api/package/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['package'],
        summary: 'Search the package in both languages; quotes come in the requested language',
        querystring: packageSearchQuerySchema,
        response: { 200: packageSearchResponseSchema },
      },
    },
    async (request, reply) => {
      const { q, locale } = request.query;
      reply.header('Cache-Control', PUBLIC_CACHE);
      return { query: q, locale, results: await searchPackage(app.db, q, locale) };
    },
  );
};
