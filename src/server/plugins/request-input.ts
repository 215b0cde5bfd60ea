import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FieldError } from '../../shared/problem.ts';
import { badRequest } from '../lib/errors.ts';

/**
 * Two rules every route gets, checked here once instead of in each schema:
 *
 * - Text is text. A NUL character or a lone UTF-16 surrogate in any string of the body, the query or the
 *   path cannot be stored in PostgreSQL (it answered 500, and its error carried the value into the log);
 *   it is refused with 400 and a message per field before the route's own validation runs.
 * - A route that takes no body refuses one. A route takes a body when it declares a body schema, or reads
 *   the raw body itself (uploads, which set their own `bodyLimit`). Others accept nothing, or `{}` (what
 *   the web app sends with a POST that carries no data); anything else is 400 `body_not_accepted`, and a
 *   body of a type no parser of the route knows stays 415.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Whether the route takes a request body at all: set at registration from its body schema or body
     * limit; a route that reads its body itself (a multipart upload) says `true`.
     */
    takesBody?: boolean;
  }
}

const MAX_REPORTED = 20;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 32;

/** A message per field holding a NUL or an unpaired surrogate. */
export function findInvalidText(value: unknown, field: string, found: FieldError[] = [], depth = 0): FieldError[] {
  if (found.length >= MAX_REPORTED || depth > MAX_DEPTH) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000') || LONE_SURROGATE.test(value)) {
      found.push({
        field,
        code: 'invalid_characters',
        message:
          'Contains a character that cannot be stored (a NUL or an unpaired surrogate). Remove it and try again.',
      });
    }
    return found;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      findInvalidText(item, `${field}/${index}`, found, depth + 1);
    });
    return found;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      // A key is text the application may store too.
      findInvalidText(key, `${field}/${key}`, found, depth + 1);
      findInvalidText(item, `${field}/${key}`, found, depth + 1);
    }
  }
  return found;
}

function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  return typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body) && Object.keys(body).length === 0;
}

function carriesBody(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}

const bodyNotAccepted = () =>
  badRequest('body_not_accepted', 'This endpoint takes no request body.', [
    { field: 'body', code: 'body_not_accepted', message: 'Send this request without a body.' },
  ]);

async function requestInputPlugin(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const takesBody = route.config?.takesBody ?? (route.schema?.body !== undefined || route.bodyLimit !== undefined);
    route.config = { ...route.config, takesBody };
  });

  // GET and HEAD bodies are never parsed, so they are refused as soon as they are announced.
  app.addHook('onRequest', async (request) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && !request.is404 && carriesBody(request)) {
      throw bodyNotAccepted();
    }
  });

  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    if (request.routeOptions.config.takesBody === false && !isEmptyBody(request.body)) throw bodyNotAccepted();
    const problems = findInvalidText(request.params, 'params');
    findInvalidText(request.query, 'querystring', problems);
    findInvalidText(request.body, 'body', problems);
    if (problems.length > 0) throw badRequest('validation_failed', 'One or more fields are not valid.', problems);
  });
}

export default fp(requestInputPlugin, { name: 'request-input' });
