import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../shared/problem.ts';
import { sendProblem } from '../../plugins/errors.ts';

const healthSchema = z.object({ status: z.literal('ok') });

export interface PlatformRoutesOptions {
  securityContact: string;
  securityTxtExpires: Date;
  publicUrl: string;
}

/** Probes for orchestrators and the RFC 9116 security.txt. */
export const platformRoutes: FastifyPluginAsyncZod<PlatformRoutesOptions> = async (app, options) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: 'Liveness: the process answers', response: { 200: healthSchema } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Readiness: the database answers and every migration is applied',
        response: { 200: healthSchema, 503: problemSchema },
      },
    },
    async (_request, reply) => {
      if (await app.database.isReady()) return { status: 'ok' as const };
      return sendProblem(reply, {
        status: 503,
        code: 'not_ready',
        title: 'Service Unavailable',
        detail: 'The database is not reachable or not up to date.',
      });
    },
  );

  app.get(
    '/.well-known/security.txt',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: 'Security contact (RFC 9116)', response: { 200: z.string() } },
    },
    async (_request, reply) => {
      reply.type('text/plain; charset=utf-8').header('Cache-Control', 'public, max-age=86400');
      return [
        `Contact: ${options.securityContact}`,
        `Expires: ${options.securityTxtExpires.toISOString()}`,
        'Preferred-Languages: nl, en',
        `Canonical: ${options.publicUrl}/.well-known/security.txt`,
        '',
      ].join('\n');
    },
  );
};
