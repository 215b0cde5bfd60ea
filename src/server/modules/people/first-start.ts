import { eq, sql } from 'drizzle-orm';
import { isCaseReadingRole } from '../../../shared/roles.ts';
import { systemContext } from '../../lib/context.ts';
import { conflict } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { countActiveAdmins, SETUP_PLACEHOLDER_EMAIL } from './admin-set.ts';
import { people } from './db.ts';
import type { PeopleDeps } from './deps.ts';
import { issueInvitation } from './invitations.ts';
import { applyRoleChanges, findPersonByEmail, insertInvitedPerson } from './repository.ts';

/**
 * The first start. There is no self-registration, so somebody must become the first admin: while no
 * active admin exists, every start issues a one-time setup link (kind `setup`) for a placeholder
 * person with the role admin, and main.ts prints it on the console. Whoever opens it first gives their
 * name and real e-mail address on activation; the link works once, for 7 days.
 *
 * Only a hash of an invitation token is stored, so an earlier link cannot be printed again: each start
 * revokes the previous unused setup link and prints a new one (the last printed link is the one that
 * works). As soon as an active admin exists, nothing happens any more.
 */

export interface SetupLink {
  link: string;
  expiresAt: Date;
}

/** Serialises first-start checks of instances starting together; differs from the other advisory locks. */
const FIRST_START_LOCK = 5_502_318_994_105_330_611n;

export async function ensureSetupInvitation(deps: PeopleDeps): Promise<SetupLink | null> {
  return deps.uow.run(systemContext(), async (w) => {
    const tx = w.tx;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_START_LOCK.toString()}::bigint)`);
    if ((await countActiveAdmins(tx)) > 0) return null;
    let person = await findPersonByEmail(tx, SETUP_PLACEHOLDER_EMAIL);
    if (!person) {
      const created = await insertInvitedPerson(tx, { email: SETUP_PLACEHOLDER_EMAIL, roles: ['admin'] }, null);
      await recordAudit(tx, w, {
        action: 'person.invited',
        subjectPersonId: created.id,
        recordType: 'person',
        recordId: created.id,
        details: { roles: 'admin', via: 'first_start' },
      });
      person = { ...created, roles: ['admin'] };
    } else {
      // The setup activation replaces the address, so an active placeholder cannot normally exist; if it
      // does, leave that account alone (create-admin on the command line is the way out).
      if (person.status === 'active') return null;
      // Someone may have deactivated the placeholder or taken its role; it only exists to become an admin.
      if (person.status === 'deactivated') {
        await tx.update(people).set({ status: 'invited', deactivatedAt: null }).where(eq(people.id, person.id));
      }
      // Separation of duties: never make an admin of an account that holds a role that reads cases.
      if (person.roles.some(isCaseReadingRole)) {
        throw conflict(
          'roles_conflict',
          `The setup account holds a role that reads cases (${person.roles.filter(isCaseReadingRole).join(', ')}), ` +
            'so it cannot become the first admin. Run: npm run cli -- create-admin <e-mail>',
        );
      }
      if (!person.roles.includes('admin')) {
        await applyRoleChanges(tx, person.id, { added: ['admin'], removed: [] }, null);
      }
    }
    // issueInvitation revokes the previous unused setup link of this person first.
    const issued = await issueInvitation(w, deps, { person, kind: 'setup', sendMail: false });
    return { link: issued.link, expiresAt: issued.expiresAt };
  });
}

/** The console text for a setup link: printed, never logged through the JSON logger. */
export function setupLinkBanner(setup: SetupLink): string {
  const line = '─'.repeat(72);
  return [
    '',
    line,
    'Weerbaar has no active admin yet. Open this one-time link to set up the first admin account',
    '(Weerbaar heeft nog geen beheerder. Open deze eenmalige link om het eerste beheerdersaccount te maken):',
    '',
    `  ${setup.link}`,
    '',
    `It works once, until ${setup.expiresAt.toISOString()}. Every restart without an admin prints a new`,
    'link and the previous one stops working. Or run: npm run cli -- create-admin <e-mail>',
    line,
    '',
  ].join('\n');
}
