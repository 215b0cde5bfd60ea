import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { liveSessionsResponseSchema, sessionInfoSchema } from '../../../shared/session.ts';
import { contextOf } from '../../lib/context.ts';
import { unauthorized } from '../../lib/errors.ts';
import { clearSessionCookie } from './cookie.ts';
import { csrfTokenFor } from './plugin.ts';
import { endAllMySessions, endMySession, listMySessions, signedInPerson, signOut } from './service.ts';

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app;

  app.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: { tags: ['sessions'], summary: 'Who is signed in, if anyone', response: { 200: sessionInfoSchema } },
    },
    async (request) => {
      const environment = { demo: config.DEMO_MODE, localMail: !config.SMTP_URL };
      const session = request.session;
      if (!session || !request.sessionToken) {
        return { environment, person: null, csrfToken: null, idleExpiresAt: null, expiresAt: null };
      }
      const person = await signedInPerson(app.db, session.actor.personId);
      if (!person) throw unauthorized();
      return {
        environment,
        person: { ...person, roles: [...session.actor.roles] },
        csrfToken: csrfTokenFor(app, request.sessionToken),
        idleExpiresAt: session.idleExpiresAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['sessions'],
        summary: 'End this session',

        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await signOut(app.unitOfWork, contextOf(request));
      clearSessionCookie(reply, config);
      // Tell the browser to drop what it kept for this site (V14.3.1). Storage is left: it holds only the
      // language choice; nothing sensitive is ever put there.
      reply.header('Clear-Site-Data', '"cache", "cookies"');
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me/sessions',
    {
      config: { access: 'signedIn' },
      schema: { tags: ['sessions'], summary: 'My active sessions', response: { 200: liveSessionsResponseSchema } },
    },
    async (request) => {
      const rows = await listMySessions(app.db, contextOf(request));
      return {
        sessions: rows.map((row) => ({
          ...row,
          createdAt: row.createdAt.toISOString(),
          lastSeenAt: row.lastSeenAt.toISOString(),
          expiresAt: row.expiresAt.toISOString(),
        })),
      };
    },
  );

  app.delete(
    '/api/me/sessions/:sessionId',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['sessions'],
        summary: 'End one of my sessions',
        params: z.object({ sessionId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { wasCurrent } = await endMySession(app.unitOfWork, contextOf(request), request.params.sessionId);
      if (wasCurrent) clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/me/sessions/end-all',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['sessions'],
        summary: 'Sign out everywhere, this device included',

        response: { 200: z.object({ ended: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const ended = await endAllMySessions(app.unitOfWork, contextOf(request));
      clearSessionCookie(reply, config);
      reply.header('Clear-Site-Data', '"cache", "cookies"');
      return { ended };
    },
  );
};
