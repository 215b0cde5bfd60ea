import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { contextAad } from '../../lib/crypto/index.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import { idempotencyKeys } from './db.ts';

/**
 * `Idempotency-Key` on every POST by a signed-in person (draft-ietf-httpapi-idempotency-key-header): a
 * message sent again because its answer got lost is not stored twice. The first request with a key runs
 * as usual and its answer (2xx only) is kept for KEEP_HOURS; a retry with the same key and the same
 * request gets that answer again (`Idempotent-Replayed: true`) and changes nothing. The same key with
 * another request is 422; while the first is still running, or when its outcome is unknown (the process
 * stopped, or the database went away, between the change and keeping its answer), 409 — never a second
 * run that might double the change. A failed first request (4xx, 5xx) leaves no trace: the retry runs.
 *
 * Kept per person: one person's key means nothing for anyone else. Without a session, or without the
 * header, nothing changes. The rows live outside the change's own transaction (the route opens that),
 * which is why an unknown outcome answers 409 rather than guessing.
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const KEEP_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,200}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request holds while it runs (plugin.ts); null without one. */
    idempotency: { personId: string; key: string } | null;
  }
}

const bodyAad = (personId: string, key: string) => contextAad('idempotency_keys', 'body', `${personId}:${key}`);

function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method, request.url, request.body ?? null]))
    .digest('hex');
}

async function idempotencyPlugin(app: FastifyInstance) {
  app.decorateRequest('idempotency', null);

  async function claim(personId: string, key: string, fingerprint: string): Promise<boolean> {
    const now = new Date();
    const inserted = await app.db
      .insert(idempotencyKeys)
      .values({
        personId,
        key,
        fingerprint,
        state: 'pending',
        createdAt: now,
        expiresAt: new Date(now.getTime() + KEEP_HOURS * 3_600_000),
      })
      .onConflictDoNothing({ target: [idempotencyKeys.personId, idempotencyKeys.key] })
      .returning({ key: idempotencyKeys.key });
    return inserted.length > 0;
  }

  async function replay(reply: FastifyReply, personId: string, key: string, fingerprint: string) {
    const [row] = await app.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.personId, personId), eq(idempotencyKeys.key, key)));
    if (!row) return false; // gone in the meantime: claim again
    if (row.fingerprint !== fingerprint) {
      throw new AppError(
        422,
        'idempotency_key_reused',
        'Unprocessable Content',
        'This Idempotency-Key was used for another request. Use a new key for a new request.',
      );
    }
    if (row.state !== 'done' || row.status === null || row.bodyEnvelope === null) {
      throw new AppError(
        409,
        'idempotency_key_in_use',
        'Conflict',
        'A request with this Idempotency-Key is still running, or its outcome is unknown. Check whether it took effect before sending it again under a new key.',
      );
    }
    const body = app.keyring.decryptString(row.bodyEnvelope, bodyAad(personId, key));
    reply.status(row.status).header('Idempotent-Replayed', 'true');
    if (row.contentType) reply.type(row.contentType);
    await reply.send(body);
    return true;
  }

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || header === undefined || !request.actor) return;
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw badRequest('invalid_idempotency_key', 'The Idempotency-Key header is not valid.', [
        { field: 'headers/idempotency-key', code: 'invalid', message: 'Use 1 to 200 visible ASCII characters.' },
      ]);
    }
    const personId = request.actor.personId;
    const fingerprint = fingerprintOf(request);
    // An expired key is free again.
    await app.db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.personId, personId), lt(idempotencyKeys.expiresAt, new Date())));
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await claim(personId, header, fingerprint)) {
        request.idempotency = { personId, key: header };
        return;
      }
      if (await replay(reply, personId, header, fingerprint)) return reply;
    }
    throw new AppError(409, 'idempotency_key_in_use', 'Conflict', 'Try again in a moment.');
  });

  // After the route answered (and its change committed): keep a success, forget anything else.
  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = null;
    const where = and(eq(idempotencyKeys.personId, held.personId), eq(idempotencyKeys.key, held.key));
    try {
      const success = reply.statusCode >= 200 && reply.statusCode < 300;
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
      if (success && body !== null) {
        await app.db
          .update(idempotencyKeys)
          .set({
            state: 'done',
            status: reply.statusCode,
            contentType: String(reply.getHeader('content-type') ?? ''),
            bodyEnvelope: app.keyring.encrypt(body, bodyAad(held.personId, held.key)),
          })
          .where(where);
      } else {
        await app.db.delete(idempotencyKeys).where(where);
      }
    } catch (error) {
      // The answer goes out regardless; the key stays pending, so a retry gets 409 rather than a second run.
      request.log.warn({ err: error }, 'could not keep the answer for an Idempotency-Key');
    }
    return payload;
  });

  const sweep = setInterval(() => {
    app.db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.expiresAt, new Date()))
      .catch(() => {});
  }, 3_600_000);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
}

export default fp(idempotencyPlugin, { name: 'idempotency', dependencies: ['database', 'keyring', 'sessions'] });
