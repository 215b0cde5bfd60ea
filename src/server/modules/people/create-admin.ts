import { isCaseReadingRole } from '../../../shared/roles.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import type { PeopleDeps } from './deps.ts';
import { issueInvitation } from './invitations.ts';
import {
  applyRoleChanges,
  findPersonByEmail,
  insertInvitedPerson,
  lockPersonById,
  normaliseEmail,
} from './repository.ts';

export type CreateAdminOutcome =
  | { outcome: 'invited' | 'reinvited'; personId: string; link: string; expiresAt: Date }
  | { outcome: 'granted' | 'already_admin'; personId: string };

/**
 * `npm run cli -- create-admin <email>`: makes sure this address has an admin account, in one unit of
 * work (the invitation mail, if any, is delivered after the commit).
 * - unknown address: a new invited admin, with an activation link (also mailed);
 * - invited person: gets the admin role and a fresh link (the old one stops working);
 * - active person: gets the admin role, no link needed (they sign in as before);
 * - deactivated person: refused — reactivate deliberately first;
 * - a person holding a role that reads cases: refused (separation of duties) — an admin is a separate account.
 */
export async function createAdmin(
  deps: PeopleDeps,
  ctx: ServiceContext,
  rawEmail: string,
): Promise<CreateAdminOutcome> {
  return deps.uow.run(ctx, async (w) => {
    const actorId = w.actor?.personId ?? null;
    const email = normaliseEmail(rawEmail);
    const found = await findPersonByEmail(w.tx, email);
    if (!found) {
      const person = await insertInvitedPerson(w.tx, { email, roles: ['admin'] }, actorId);
      await recordAudit(w.tx, w, {
        action: 'person.invited',
        subjectPersonId: person.id,
        recordType: 'person',
        recordId: person.id,
        details: { roles: 'admin', via: 'cli' },
      });
      const issued = await issueInvitation(w, deps, { person });
      return { outcome: 'invited', personId: person.id, link: issued.link, expiresAt: issued.expiresAt };
    }
    const person = await lockPersonById(w.tx, found.id);
    if (!person) throw notFound();
    if (person.status === 'deactivated') {
      throw conflict('deactivated', `The account of ${email} is deactivated; reactivate it first (admin page).`);
    }
    const caseRoles = person.roles.filter(isCaseReadingRole);
    if (caseRoles.length > 0) {
      throw conflict(
        'roles_conflict',
        `The account of ${email} holds a role that reads cases (${caseRoles.join(', ')}); an admin cannot. ` +
          'Make the admin with another address, or have an admin remove those roles first.',
      );
    }
    const hadAdmin = person.roles.includes('admin');
    if (!hadAdmin) {
      await applyRoleChanges(w.tx, person.id, { added: ['admin'], removed: [] }, actorId);
      await recordAudit(w.tx, w, {
        action: 'person.roles_changed',
        subjectPersonId: person.id,
        recordType: 'person',
        recordId: person.id,
        details: { added: 'admin', removed: '', via: 'cli' },
      });
    }
    if (person.status === 'active') return { outcome: hadAdmin ? 'already_admin' : 'granted', personId: person.id };
    const issued = await issueInvitation(w, deps, { person });
    return { outcome: 'reinvited', personId: person.id, link: issued.link, expiresAt: issued.expiresAt };
  });
}
