import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Reads that answer with a secret, never compressed: the session answer carries the CSRF token, an outbox
 * message (local mail mode) an invitation or activation link. See below.
 */
export const UNCOMPRESSED_READS = new Set(['/api/auth/session', '/api/admin/outbox/:id']);

/** Whether a route's answers may be compressed: reads, except those that carry a secret. */
export function compressesAnswers(route: { method: string | string[]; url: string }): boolean {
  const reads = [route.method].flat().every((method) => method === 'GET' || method === 'HEAD');
  return reads && !UNCOMPRESSED_READS.has(route.url);
}

/** JSON and text; not files (PDFs, attachments), which are compressed already or not worth it. */
const COMPRESSIBLE_TYPES = /^(?:text\/(?!event-stream)|application\/(?:[\w.+-]+\+)?json)(?:;|$)/;

/**
 * Compresses API answers (brotli or gzip, as the browser accepts; from 1 KiB) — the built web assets are
 * compressed once at build time instead (web-app.ts). Registered before any route: it attaches itself
 * to each route as it is added.
 *
 * Compression plus a secret plus text an attacker can put into the same answer lets the answer's size
 * give the secret away, a guess at a time (BREACH). Session cookies are SameSite=Strict, so another site
 * cannot make a signed-in browser ask at all; still, answers that carry secrets are never compressed:
 * - only reads (GET, HEAD) are: every answer to a change — sign-in, activation, recovery codes, a new
 *   authenticator secret, the new CSRF token after a step-up, activation codes — goes out as is;
 * - of the reads, those in UNCOMPRESSED_READS are not either.
 * A route may also decide for itself with `compress: false` in its options.
 */
async function compressionPlugin(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (route.compress === undefined && !compressesAnswers(route)) route.compress = false;
  });
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE_TYPES,
    threshold: 1024,
  });
}

export default fp(compressionPlugin, { name: 'compression' });
