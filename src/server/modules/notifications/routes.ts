import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  markNotificationsReadSchema,
  notificationsOkSchema,
  notificationsResponseSchema,
} from '../../../shared/notifications.ts';
import { contextOf } from '../../lib/context.ts';

const tags = ['notifications'];

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me/notifications',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'My notifications (no content)', response: { 200: notificationsResponseSchema } },
    },
    async (request) => app.notifications.list(contextOf(request)),
  );

  app.post(
    '/api/me/notifications/read',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Mark my notifications read (all, the given ids, or those about one subject)',
        body: markNotificationsReadSchema,
        response: { 200: notificationsOkSchema },
      },
    },
    async (request) => {
      await app.notifications.markRead(contextOf(request), request.body);
      return { ok: true as const };
    },
  );
};
