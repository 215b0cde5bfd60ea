import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  dataExportQuerySchema,
  deleteAccountBodySchema,
  EXPORTS_PER_HOUR,
  PRIVACY_PATHS,
  retentionResponseSchema,
} from '../../../shared/privacy.ts';
import { contentDisposition } from '../../lib/content-disposition.ts';
import { contextOf } from '../../lib/context.ts';
import { clearSessionCookie } from '../sessions/cookie.ts';
import { requireRecentAuthentication } from '../sessions/step-up.ts';
import { deleteMyAccount } from './account-deletion.ts';
import type { PrivacyDeps } from './deps.ts';
import { exportMyData } from './export.ts';

const tags = ['privacy'];

/** Mijn gegevens: download everything (step-up, a few per hour), delete the account (step-up), the retention table. */
export function privacyRoutes(deps: PrivacyDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      PRIVACY_PATHS.export,
      {
        config: {
          access: 'signedIn',
          rateLimit: {
            max: EXPORTS_PER_HOUR,
            timeWindow: 60 * 60_000,
            keyGenerator: (request: FastifyRequest) => request.actor?.personId ?? request.ip,
          },
        },
        schema: {
          tags,
          summary: 'Download everything Weerbaar keeps about me: a ZIP with JSON, a PDF and my files (step-up)',
          querystring: dataExportQuerySchema,
        },
      },
      async (request, reply) => {
        requireRecentAuthentication(request);
        const file = await exportMyData(deps, contextOf(request), request.query.lang);
        return reply
          .header('Content-Disposition', contentDisposition(file.fileName))
          .header('Content-Length', String(file.size))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Content-Security-Policy', "sandbox; default-src 'none'; frame-ancestors 'none'")
          .header('Cache-Control', 'no-store')
          .type('application/zip')
          .send(file.body);
      },
    );

    app.post(
      PRIVACY_PATHS.deleteAccount,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Delete my account and my data for good (step-up; type the confirmation word)',
          body: deleteAccountBodySchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        requireRecentAuthentication(request);
        await deleteMyAccount(deps, contextOf(request), request.body);
        clearSessionCookie(reply, app.config);
        reply.header('Clear-Site-Data', '"cache", "cookies"');
        return reply.status(204).send(null);
      },
    );

    app.get(
      PRIVACY_PATHS.retention,
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'How long Weerbaar keeps what, per category of data',
          response: { 200: retentionResponseSchema },
        },
      },
      async () => ({
        rules: deps.registry.retentionRules().map((rule) => ({
          category: rule.category,
          keepDays: rule.keepDays,
          startsAt: rule.startsAt,
          reason: rule.reason,
        })),
      }),
    );
  };
}
