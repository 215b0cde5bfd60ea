import { eq } from 'drizzle-orm';
import type { AdminPerson, AdminRolesBody } from '../../../shared/admin.ts';
import { isCaseReadingRole, type Role, rolesConflict } from '../../../shared/roles.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { type AppError, badRequest } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { requireFreshActor } from '../sessions/step-up.ts';
import { requirePersonForChange, viewOf } from './admin-service.ts';
import { countActiveAdmins, lastAdmin, lockAdminSet } from './admin-set.ts';
import { people } from './db.ts';
import type { AdminPeopleDeps } from './deps.ts';
import { applyRoleChanges } from './repository.ts';
import { ownRoles, requestRoleGrant, rolesConflictProblem } from './role-grants.ts';

function fieldProblem(field: string, message: string): AppError {
  return badRequest('validation_failed', 'One or more fields are not valid.', [
    { field: `body/${field}`, message, code: 'custom' },
  ]);
}

/**
 * Replaces a person's roles (and the association / expert field that go with confidant / expert).
 *
 * - Nobody changes their own roles (`own_roles`): an admin cannot make themselves anything else.
 * - `admin` never together with a role that reads cases (`roles_conflict`; the database refuses it too).
 * - Removing roles, and adding roles that read no cases, happens at once. A role that reads cases is not
 *   granted here: after a fresh sign-in it becomes a request a second admin approves (role-grants.ts).
 *   `pendingApproval` says whether such a request was made.
 */
export async function changeRoles(
  deps: AdminPeopleDeps,
  ctx: ServiceContext,
  id: string,
  body: AdminRolesBody,
): Promise<{ person: AdminPerson; pendingApproval: boolean }> {
  return deps.uow.run(ctx, async (w) => {
    const actorId = w.actor?.personId ?? null;
    if (actorId === id) throw ownRoles();
    await lockAdminSet(w.tx);
    const person = await requirePersonForChange(w, id);
    const wanted = [...new Set(body.roles)].sort() as Role[];
    if (rolesConflict(wanted)) throw rolesConflictProblem();
    const asked = wanted.filter((role) => isCaseReadingRole(role) && !person.roles.includes(role));
    if (asked.length > 0) requireFreshActor(w.actor, deps.config.STEP_UP_MINUTES, w.now);
    // What changes now: everything but the roles that wait for a second admin.
    const next = wanted.filter((role) => !asked.includes(role));
    const added = next.filter((role) => !person.roles.includes(role));
    const removed = person.roles.filter((role) => !next.includes(role));

    if (added.includes('relative') && !person.linkedOfficeholderId) {
      throw badRequest('relative_needs_link', 'Only an officeholder can invite a relative; the role needs that link.', [
        { field: 'body/roles', message: 'relative needs a linked officeholder', code: 'custom' },
      ]);
    }
    const association = next.includes('confidant') ? (body.association ?? person.association) : null;
    const expertField = next.includes('expert') ? (body.expertField ?? person.expertField) : null;
    const askedAssociation = asked.includes('confidant') ? (body.association ?? person.association) : null;
    const askedExpertField = asked.includes('expert') ? (body.expertField ?? person.expertField) : null;
    if ((next.includes('confidant') && !association) || (asked.includes('confidant') && !askedAssociation)) {
      throw fieldProblem('association', 'A confidant needs an association.');
    }
    if ((next.includes('expert') && !expertField) || (asked.includes('expert') && !askedExpertField)) {
      throw fieldProblem('expertField', 'An expert needs a field.');
    }
    if (
      removed.includes('admin') &&
      person.status === 'active' &&
      (await countActiveAdmins(w.tx, { except: id })) === 0
    ) {
      throw lastAdmin();
    }

    // Without the role `relative` the link to the officeholder goes too: they no longer see or manage this person.
    const linkedOfficeholderId = removed.includes('relative') ? null : person.linkedOfficeholderId;
    const detailsChanged =
      association !== person.association ||
      expertField !== person.expertField ||
      linkedOfficeholderId !== person.linkedOfficeholderId;
    const current = { ...person, roles: next, association, expertField, linkedOfficeholderId };
    if (added.length > 0 || removed.length > 0 || detailsChanged) {
      await applyRoleChanges(w.tx, id, { added, removed }, actorId);
      if (detailsChanged) {
        await w.tx.update(people).set({ association, expertField, linkedOfficeholderId }).where(eq(people.id, id));
      }
      await recordAudit(w.tx, w, {
        action: 'person.roles_changed',
        subjectPersonId: id,
        recordType: 'person',
        recordId: id,
        details: {
          added: added.join(','),
          removed: removed.join(','),
          association: association ?? null,
          expertField: expertField ?? null,
          ...(linkedOfficeholderId !== person.linkedOfficeholderId ? { unlinkedFromOfficeholder: true } : {}),
        },
      });
    }
    if (asked.length > 0) {
      await requestRoleGrant(w, deps, current, {
        roles: asked.filter(isCaseReadingRole),
        association: askedAssociation,
        expertField: askedExpertField,
      });
    }
    return { person: await viewOf(w.tx, current, actorId), pendingApproval: asked.length > 0 };
  });
}
