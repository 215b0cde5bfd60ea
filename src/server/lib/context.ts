import type { FastifyRequest } from 'fastify';
import { BACKGROUND_REFRESH_HEADER } from '../../shared/session.ts';
import type { Actor } from './actor.ts';

/**
 * What every service call receives besides its input: who is acting, for which request, from where.
 * The IP address never travels further than this: only its keyed hash (see the audit trail).
 */
export interface ServiceContext {
  actor: Actor | null;
  requestId: string | null;
  ipHash: string | null;
  /**
   * A read by a page refreshing itself on a timer (GET with X-Background-Refresh): the audit trail
   * records it once per actor, record and window instead of once per request.
   */
  backgroundRefresh?: boolean;
}

export function contextOf(request: FastifyRequest): ServiceContext {
  return {
    actor: request.actor,
    requestId: request.id,
    ipHash: request.server.keyring.keyedHash('ip-address', request.ip),
    backgroundRefresh: request.method === 'GET' && request.headers[BACKGROUND_REFRESH_HEADER] === '1',
  };
}

/** For work started outside a request (CLI, jobs, first start). */
export function systemContext(actor: Actor | null = null): ServiceContext {
  return { actor, requestId: null, ipHash: null };
}
