import { count, desc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  outboxMessageResponseSchema,
  outboxQuerySchema,
  outboxResponseSchema,
} from '../../../shared/admin.ts';
import { contextOf } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import { recordAudit } from '../audit/service.ts';
import { mailOutbox } from '../mail/db.ts';
import { readOutboxMessage } from '../mail/service.ts';
import { findPersonByEmail } from './repository.ts';

const ADMIN: RouteAccess = { roles: ['admin'] };
const tags = ['admin'];

/**
 * The local mail outbox, for running without a mail server (SMTP_URL unset): admins can read what
 * would have been sent, e.g. to pass on an activation link. With SMTP configured these routes answer
 * 404: real mail left the building, and its body was erased once delivered.
 *
 * A message can hold an activation link (a credential), so every read of one is audited, with the
 * recipient as subject: they see it under "who accessed my data".
 */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const localMode = !app.config.SMTP_URL;

  app.get(
    '/api/admin/outbox',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Local mail outbox (only without SMTP_URL)',
        querystring: outboxQuerySchema,
        response: { 200: outboxResponseSchema },
      },
    },
    async (request) => {
      if (!localMode) throw notFound();
      const { page, pageSize } = request.query;
      const [{ n: total } = { n: 0 }] = await app.db.select({ n: count() }).from(mailOutbox);
      const rows = await app.db
        .select({
          id: mailOutbox.id,
          recipient: mailOutbox.recipient,
          subject: mailOutbox.subject,
          kind: mailOutbox.kind,
          createdAt: mailOutbox.createdAt,
          sentAt: mailOutbox.sentAt,
        })
        .from(mailOutbox)
        .orderBy(desc(mailOutbox.createdAt), mailOutbox.id)
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return {
        messages: rows.map((row) => ({
          id: row.id,
          recipient: row.recipient,
          subject: row.subject,
          kind: row.kind,
          createdAt: row.createdAt.toISOString(),
          sentAt: row.sentAt?.toISOString() ?? null,
        })),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/admin/outbox/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'One message of the local outbox, with its text (audited)',
        params: idParamsSchema,
        response: { 200: outboxMessageResponseSchema },
      },
    },
    async (request) => {
      if (!localMode) throw notFound();
      const message = await app.db.transaction(async (tx) => {
        const found = await readOutboxMessage(tx, app.keyring, request.params.id);
        if (!found) return null;
        const recipient = await findPersonByEmail(tx, found.recipient);
        await recordAudit(tx, contextOf(request), {
          action: 'mail.outbox_read',
          subjectPersonId: recipient?.id ?? null,
          recordType: 'mail',
          recordId: found.id,
          details: { kind: found.kind },
        });
        return found;
      });
      if (!message) throw notFound();
      return {
        message: {
          id: message.id,
          recipient: message.recipient,
          subject: message.subject,
          kind: message.kind,
          createdAt: message.createdAt.toISOString(),
          sentAt: message.sentAt?.toISOString() ?? null,
          body: message.text,
        },
      };
    },
  );
};
