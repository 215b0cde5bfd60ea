import type { RouteAccess } from '../../src/server/plugins/access.ts';

/**
 * Every route of the API and who may call it. The route-walking test fails when a route is added,
 * removed or changes its policy without this table changing too, and the role × route test
 * (test/integration/access-matrix.test.ts) derives each role's expected answer from it.
 */
export const ACCESS_TABLE: Record<string, RouteAccess> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /.well-known/security.txt': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/package/parts': 'public',
  'GET /api/package/parts/:slug': 'public',
  'GET /api/package/search': 'public',
  'GET /api/auth/session': 'public',
  'POST /api/auth/sign-out': 'signedIn',
  'GET /api/me/sessions': 'signedIn',
  'DELETE /api/me/sessions/:sessionId': 'signedIn',
  'POST /api/me/sessions/end-all': 'signedIn',
  'GET /api/me/access-log': 'signedIn',
};
