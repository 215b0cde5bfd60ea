import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { CaseCore } from './facade.ts';
import type { CaseTypeDefinition } from './registry.ts';
import { endAssignments, holdsRole, insertAssignment, staffProfile } from './repository.ts';
import { transitionNotAllowed } from './work.ts';

/** Who handles a case: taking it from the queue, being assigned by the coordinator, handing it back. */

/** The next status for an assignment made `via` from the current one (or the same, for a reassignment). */
function assignmentTarget(definition: CaseTypeDefinition, from: string, via: string): string | null {
  return definition.transitions.find((t) => t.via === via && t.from.includes(from))?.to ?? null;
}

/** The coordinator assigns (or reassigns) a case to a staff member holding one of the type's assignable roles. */
export function assignCase(core: CaseCore, ctx: ServiceContext, caseId: string, personId: string) {
  return core.withCase(ctx, caseId, 'assign', async (c) => {
    const { row, definition } = c.state;
    const eligible = (await holdsRole(c.tx, personId, definition.assignableRoles)).length > 0;
    if (!eligible || personId === row.requesterId) {
      throw badRequest('assignee_not_eligible', 'This person cannot be assigned to this case.');
    }
    const to = assignmentTarget(definition, row.status, 'assign');
    if (!to) throw transitionNotAllowed();
    const wasInQueue = row.status === definition.initialStatus;
    await endAssignments(c.tx, caseId, c.now);
    await insertAssignment(c.tx, caseId, personId, c.actor?.personId ?? personId, c.now);
    await c.transition({ to, via: 'assign', event: { kind: 'assigned', visibility: 'requester' } });
    await c.audit('case.assigned', { assignee: personId });
    await c.notify([personId], 'case_assigned');
    if (wasInQueue) await c.notifyRequester('case_helper_assigned');
    return c.result();
  });
}

/**
 * A staff member takes an unassigned case from their queue. Who may is the type's `mayTake` (support:
 * confidants of the routed association and the coordinator; SIPA: any SIPA advisor). Anyone else gets
 * the 404 of a case that does not exist. The type's onTake hook may keep the taking from the requester
 * (SIPA: the advisor first checks for a conflict of interest).
 */
export function takeCase(core: CaseCore, ctx: ServiceContext, caseId: string) {
  return core.openCase(ctx, caseId, { lock: true }, async (c) => {
    const actor = c.actor;
    if (!actor) throw notFound();
    const { row, definition } = c.state;
    const profile = await staffProfile(c.tx, actor);
    const eligible =
      (definition.mayTake(profile, c.state) || c.relations.has('coordinator')) &&
      definition.assignableRoles.some((role) => actor.roles.includes(role)) &&
      row.requesterId !== actor.personId;
    if (!eligible) throw notFound();
    if (c.state.assignees.length > 0) throw conflict('already_assigned', 'Someone else has already taken this case.');
    const first = assignmentTarget(definition, row.status, 'take');
    if (!first) throw transitionNotAllowed();
    await insertAssignment(c.tx, caseId, actor.personId, actor.personId, c.now);
    const taken = await definition.hooks?.onTake?.(c.hookInput());
    const visible = taken?.visibleToRequester !== false;
    // The type may pick another of its take transitions; c.transition refuses one it does not have.
    await c.transition({
      to: taken?.to ?? first,
      via: 'take',
      by: [...c.relations, 'eligible_staff'],
      event: { kind: 'assigned', visibility: visible ? 'requester' : 'staff' },
    });
    await c.audit('case.taken');
    if (visible) await c.notifyRequester('case_helper_assigned');
    return c.result();
  });
}

/** The assigned staff member (or the coordinator) hands a case back to the queue. */
export function releaseCase(core: CaseCore, ctx: ServiceContext, caseId: string) {
  return core.withCase(ctx, caseId, 'release', async (c) => {
    await c.release();
    await c.audit('case.released');
    return c.result();
  });
}
