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
  'GET /api/admin/people': { roles: ['admin'] },
  'GET /api/admin/people/:id': { roles: ['admin'] },
  'POST /api/admin/people': { roles: ['admin'] },
  'PUT /api/admin/people/:id/roles': { roles: ['admin'] },
  'POST /api/admin/people/:id/deactivate': { roles: ['admin'] },
  'POST /api/admin/people/:id/reactivate': { roles: ['admin'] },
  'POST /api/admin/people/:id/resend-invitation': { roles: ['admin'] },
  'GET /api/admin/invitations': { roles: ['admin'] },
  'POST /api/admin/invitations/:id/revoke': { roles: ['admin'] },
  'GET /api/admin/outbox': { roles: ['admin'] },
  'GET /api/admin/outbox/:id': { roles: ['admin'] },
  'GET /api/me/relatives': { roles: ['officeholder'] },
  'POST /api/me/relatives': { roles: ['officeholder'] },
  'POST /api/me/relatives/:id/revoke-invitation': { roles: ['officeholder'] },
  'POST /api/me/relatives/:id/resend-invitation': { roles: ['officeholder'] },
  'DELETE /api/me/relatives/:id': { roles: ['officeholder'] },
};
