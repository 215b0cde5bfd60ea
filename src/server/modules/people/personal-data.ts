import { and, asc, eq, isNotNull, lt, or } from 'drizzle-orm';
import { isoOrNull, type PersonalDataContribution } from '../../lib/personal-data.ts';
import { deactivateLocked } from './admin-service.ts';
import { invitations, people, personRoles, relativeAccountInvites, roleGrants } from './db.ts';
import { applyRoleChanges, findPersonById } from './repository.ts';

const DAY_MS = 86_400_000;
export const INVITATION_KEEP_DAYS = 90;
/** A decided request for a case-reading role (four eyes); the audit trail keeps the decision itself. */
export const ROLE_REQUEST_KEEP_DAYS = 730;

/**
 * The account itself (name, e-mail, office, roles), the person's relatives (or the office holder who
 * invited them), and their activation links (dates only: a link is a credential, stored as a hash).
 */
/** An invitation to an address that already had an account: kept as long as an ordinary invitation. */
const RELATIVE_ACCOUNT_INVITE_KEEP_DAYS = 90;

export const PEOPLE_PERSONAL_DATA: PersonalDataContribution = {
  exclusions: [
    {
      table: 'relative_account_invites',
      reason:
        'An invitation of a relative whose address already had an account. Exporting it apart would tell the officeholder what the invitation flow deliberately hides (that the address has an account); the address is one they typed themselves, and the rows go 90 days after the invitation ended.',
    },
  ],
  sources: [
    {
      key: 'account',
      tables: ['people', 'person_roles'],
      async export({ db, personId }) {
        const [person] = await db.select().from(people).where(eq(people.id, personId));
        if (!person) return { records: [] };
        const roles = await db.select().from(personRoles).where(eq(personRoles.personId, personId));
        return {
          records: [
            {
              id: person.id,
              email: person.email,
              displayName: person.displayName,
              status: person.status,
              office: person.office,
              region: person.region,
              association: person.association,
              expertField: person.expertField,
              createdAt: person.createdAt.toISOString(),
              activatedAt: isoOrNull(person.activatedAt),
              deactivatedAt: isoOrNull(person.deactivatedAt),
              roles: roles.map((role) => ({ role: role.role, grantedAt: role.grantedAt.toISOString() })),
            },
          ],
        };
      },
    },
    {
      key: 'relatives',
      tables: ['people'],
      async export({ db, personId }) {
        const [me] = await db.select().from(people).where(eq(people.id, personId));
        const mine = await db
          .select()
          .from(people)
          .where(eq(people.linkedOfficeholderId, personId))
          .orderBy(asc(people.createdAt));
        const records = mine.map((relative) => ({
          relation: 'my_relative',
          relationship: relative.relationship,
          displayName: relative.displayName,
          email: relative.email,
          status: relative.status,
          invitedAt: relative.createdAt.toISOString(),
        }));
        if (me?.linkedOfficeholderId) {
          const [holder] = await db.select().from(people).where(eq(people.id, me.linkedOfficeholderId));
          if (holder)
            records.push({
              relation: 'invited_me',
              // Who I am to them, as they said when inviting me.
              relationship: me.relationship,
              displayName: holder.displayName,
              email: holder.email,
              status: holder.status,
              invitedAt: me.createdAt.toISOString(),
            });
        }
        return { records };
      },
    },
    {
      key: 'role_requests',
      tables: ['role_grants'],
      async export({ db, personId }) {
        const rows = await db
          .select()
          .from(roleGrants)
          .where(eq(roleGrants.personId, personId))
          .orderBy(asc(roleGrants.requestedAt));
        return {
          records: rows.map((row) => ({
            roles: row.roles,
            association: row.association,
            expertField: row.expertField,
            requestedAt: row.requestedAt.toISOString(),
            expiresAt: row.expiresAt.toISOString(),
            decision: row.decision,
            decidedAt: isoOrNull(row.decidedAt),
          })),
        };
      },
    },
    {
      key: 'invitations',
      tables: ['invitations'],
      async export({ db, personId }) {
        const rows = await db
          .select()
          .from(invitations)
          .where(eq(invitations.personId, personId))
          .orderBy(asc(invitations.createdAt));
        return {
          records: rows.map((row) => ({
            kind: row.kind,
            delivery: row.delivery,
            createdAt: row.createdAt.toISOString(),
            expiresAt: row.expiresAt.toISOString(),
            usedAt: isoOrNull(row.usedAt),
            revokedAt: isoOrNull(row.revokedAt),
          })),
        };
      },
    },
  ],
  erasure: [
    {
      // The relatives keep their own accounts, but no longer as this person's relative: as when the
      // office holder removes them (an account left with no role is deactivated).
      name: 'relatives',
      async run(w, personId) {
        const linked = await w.tx
          .select({ id: people.id })
          .from(people)
          .where(eq(people.linkedOfficeholderId, personId));
        for (const { id } of linked) {
          const relative = await findPersonById(w.tx, id);
          if (!relative) continue;
          await w.tx.update(people).set({ linkedOfficeholderId: null, relationship: null }).where(eq(people.id, id));
          if (relative.roles.includes('relative')) {
            await applyRoleChanges(w.tx, id, { added: [], removed: ['relative'] }, null);
          }
          if (relative.roles.every((role) => role === 'relative') && relative.status !== 'deactivated') {
            await deactivateLocked(w, relative, { reason: 'relative_removed' });
          }
        }
        await w.tx.delete(invitations).where(eq(invitations.personId, personId));
        // Links to them as the one who invited someone or granted a role go too (the rows stay: they are the other person's).
        await w.tx.update(invitations).set({ invitedBy: null }).where(eq(invitations.invitedBy, personId));
        await w.tx.update(personRoles).set({ grantedBy: null }).where(eq(personRoles.grantedBy, personId));
        return { counts: { relativesUnlinked: linked.length } };
      },
    },
  ],
  retention: [
    {
      category: 'relative_account_invites',
      tables: ['relative_account_invites'],
      keepDays: RELATIVE_ACCOUNT_INVITE_KEEP_DAYS,
      startsAt: 'the invitation expired or was revoked',
      reason: 'As long as an ordinary invitation, so the two cannot be told apart in the officeholder’s list.',
      sweep: async ({ tx: db, now }) => {
        const before = new Date(now.getTime() - RELATIVE_ACCOUNT_INVITE_KEEP_DAYS * 86_400_000);
        const removed = await db
          .delete(relativeAccountInvites)
          .where(
            or(
              lt(relativeAccountInvites.expiresAt, before),
              and(isNotNull(relativeAccountInvites.revokedAt), lt(relativeAccountInvites.revokedAt, before)),
            ),
          )
          .returning({ id: relativeAccountInvites.id });
        return removed.length;
      },
    },
    {
      category: 'accounts',
      tables: ['people', 'person_roles'],
      keepDays: null,
      startsAt: '—',
      reason:
        'An account exists while the person uses Weerbaar: they delete it under Mijn gegevens; an admin deactivates an account that is no longer needed.',
      enforcedBy: 'the person (Mijn gegevens) or an admin',
    },
    {
      category: 'role_requests',
      tables: ['role_grants'],
      keepDays: ROLE_REQUEST_KEEP_DAYS,
      startsAt: 'the request was decided (approved, turned down, withdrawn or expired)',
      reason:
        'Shows admins who asked for and approved a case-reading role; the audit trail keeps the decision for good.',
      sweep: async ({ tx: db, now }) => {
        const before = new Date(now.getTime() - ROLE_REQUEST_KEEP_DAYS * DAY_MS);
        const removed = await db
          .delete(roleGrants)
          .where(and(isNotNull(roleGrants.decidedAt), lt(roleGrants.decidedAt, before)))
          .returning({ id: roleGrants.id });
        return removed.length;
      },
    },
    {
      category: 'invitations',
      tables: ['invitations'],
      keepDays: INVITATION_KEEP_DAYS,
      startsAt: 'the link was used, revoked or expired',
      reason: 'Lets an admin answer "did the link arrive and work?"; only a hash of the link is stored.',
      sweep: async ({ tx: db, now }) => {
        const before = new Date(now.getTime() - INVITATION_KEEP_DAYS * DAY_MS);
        const removed = await db
          .delete(invitations)
          .where(
            or(
              and(isNotNull(invitations.usedAt), lt(invitations.usedAt, before)),
              and(isNotNull(invitations.revokedAt), lt(invitations.revokedAt, before)),
              lt(invitations.expiresAt, before),
            ),
          )
          .returning({ id: invitations.id });
        return removed.length;
      },
    },
  ],
};
