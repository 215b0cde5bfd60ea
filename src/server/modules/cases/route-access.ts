import type { Role } from '../../../shared/roles.ts';
import type { CaseTypeRegistry } from './registry.ts';

/**
 * Route access resolved per request from the registry, not written into the routes: the roles of the
 * registered case types (a type registered later, a test's own, counts as soon as it is registered).
 * The access plugin reads `roles` on every request; the getter answers from the registry then.
 */
function rolesFrom(resolve: () => readonly Role[]): { readonly roles: readonly Role[] } {
  return {
    get roles() {
      return resolve();
    },
  };
}

export function caseRouteAccess(registry: CaseTypeRegistry) {
  return {
    /** Staff of any case type: function-level gate of staff-only routes (the case decides the rest). */
    staff: rolesFrom(() => registry.staffRoles()),
    /** Roles that coordinate (assign) some case type. */
    coordinators: rolesFrom(() => registry.coordinatorRoles()),
    /** Everyone who may have a queue: staff, and peers/experts for the cases shared with them. */
    queue: rolesFrom(() => registry.queueRoles()),
  };
}
