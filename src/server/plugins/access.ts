import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../../shared/roles.ts';
import type { Actor } from '../lib/actor.ts';
import { forbidden, unauthorized } from '../lib/errors.ts';

/**
 * Deny by default: every route declares who may call it in `config.access`. A route without a
 * declaration makes the app refuse to start, and is refused at request time as well.
 *
 * - `public`: anyone, signed in or not.
 * - `signedIn`: any signed-in person.
 * - `{ roles }`: a signed-in person holding at least one of these roles.
 *
 * This is the function-level check only. Whether a person may touch a particular record is decided
 * in the service, through the one object-level policy helper.
 */
export type RouteAccess = 'public' | 'signedIn' | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export class MissingAccessPolicyError extends Error {
  readonly routes: string[];

  constructor(routes: string[]) {
    super(`These routes declare no access policy (config.access): ${routes.join(', ')}`);
    this.name = 'MissingAccessPolicyError';
    this.routes = routes;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access; used by the start-up check and the route-walking tests. */
    registeredRoutes(): RegisteredRoute[];
  }
}

/** Routes registered by third-party plugins (documentation, static files) are public by nature. */
export function markRoutesPublic(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? 'public' };
  });
}

export function isAllowed(
  access: RouteAccess | undefined,
  actor: Actor | null,
): 'ok' | 'unauthenticated' | 'forbidden' {
  if (access === undefined) return 'forbidden';
  if (access === 'public') return 'ok';
  if (!actor) return 'unauthenticated';
  if (access === 'signedIn') return 'ok';
  return access.roles.some((role) => actor.roles.includes(role)) ? 'ok' : 'forbidden';
}

async function accessPlugin(app: FastifyInstance) {
  const routes: RouteOptions[] = [];
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.decorate('registeredRoutes', () =>
    routes.flatMap((route) =>
      [route.method].flat().map((method) => ({ method, url: route.url, access: route.config?.access })),
    ),
  );
  app.addHook('onReady', async () => {
    const missing = app
      .registeredRoutes()
      .filter((route) => route.access === undefined && route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`);
    if (missing.length > 0) throw new MissingAccessPolicyError(missing);
  });
  // onRequest, so nobody learns anything from validation errors before access is checked. The identity
  // module registers its own onRequest hook (resolving request.actor) before this plugin.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.is404) return;
    const verdict = isAllowed(request.routeOptions.config.access, request.actor);
    if (verdict === 'unauthenticated') throw unauthorized();
    if (verdict === 'forbidden') throw forbidden();
  });
}

export default fp(accessPlugin, { name: 'access' });
