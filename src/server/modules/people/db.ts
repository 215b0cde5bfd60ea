import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A person who may use Weerbaar. There is no self-registration: a row starts as `invited` and becomes
 * `active` when the person sets a sign-in method. Account data (name, e-mail, office) is personal but
 * not special-category data; it is protected by access control. Case contents are encrypted elsewhere.
 */
export const people = pgTable('people', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Lower-cased; unique. */
  email: text('email').notNull().unique(),
  displayName: text('display_name'),
  status: text('status', { enum: ['invited', 'active', 'deactivated'] })
    .notNull()
    .default('invited'),
  office: text('office'),
  /** Municipality, province or water board (free text for now). */
  region: text('region'),
  association: text('association'),
  expertField: text('expert_field'),
  /** For a relative: the officeholder who invited them. */
  linkedOfficeholderId: uuid('linked_officeholder_id'),
  /**
   * For a relative: who they are to that officeholder (partner, child, other), as the officeholder said
   * when inviting; staff read it on a relative's request. Null for everyone else.
   */
  relationship: text('relationship', { enum: ['partner', 'child', 'other'] }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
});

export const personRoles = pgTable(
  'person_roles',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    grantedBy: uuid('granted_by'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.personId, table.role] })],
);

/** A single-use activation link. Only a SHA-256 hash of the token is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    /** `invite` for a known e-mail address; `setup` for the first admin, who gives their address on activation. */
    kind: text('kind', { enum: ['invite', 'setup'] })
      .notNull()
      .default('invite'),
    invitedBy: uuid('invited_by'),
    /**
     * How the link reached the person: `mail` (sent by e-mail), `package` (the QR code of a printed
     * package, or the package's short code exchanged); null when it was handed to no one (registered
     * without mail, the console's setup link). Lets every page say which one way in is open.
     */
    delivery: text('delivery', { enum: ['mail', 'package'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('invitations_person_idx').on(table.personId)],
);

/**
 * An officeholder invited a relative at an address that already has an account. Saying so would tell
 * anyone with an officeholder account who else uses Weerbaar, so the answer, the list and the later
 * revoke / resend / remove behave exactly as for a real invitation; the account holder gets a notice
 * instead of a link, and nothing about their account changes. The entry simply never activates.
 */
export const relativeAccountInvites = pgTable(
  'relative_account_invites',
  {
    /** Shown to the officeholder as the relative's id. */
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as the invitation's id (a real relative's two ids differ too). */
    invitationId: uuid('invitation_id').notNull().defaultRandom(),
    officeholderId: uuid('officeholder_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** As the officeholder typed it (normalised): they know it, and it is all the list shows. */
    email: text('email').notNull(),
    /** As the officeholder chose it, so the list shows this entry exactly like a real relative's. */
    relationship: text('relationship', { enum: ['partner', 'child', 'other'] })
      .notNull()
      .default('other'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('relative_account_invites_officeholder_idx').on(table.officeholderId, table.createdAt)],
);

/**
 * Four eyes on a role that reads cases (src/shared/roles.ts): one admin asks, after a fresh sign-in, and
 * the roles wait here until a second admin approves (then they are granted) or either turns it down.
 * At most one request per person waits at a time. Decided requests stay as the record of who asked and
 * who approved (the audit trail has the same).
 */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The case-reading roles asked for (sorted). */
    roles: jsonb('roles').$type<string[]>().notNull(),
    /** The association (confidant) or field (expert) that goes with them, when asked for. */
    association: text('association'),
    expertField: text('expert_field'),
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    decision: text('decision', { enum: ['approved', 'rejected', 'withdrawn', 'expired'] }),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('role_grants_one_open_idx').on(table.personId).where(sql`${table.decidedAt} IS NULL`),
    index('role_grants_requested_idx').on(table.requestedAt),
  ],
);
