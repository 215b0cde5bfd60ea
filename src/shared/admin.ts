import { z } from 'zod';
import { associationSchema, expertFieldSchema, officeSchema, PERSON_STATUSES } from './people.ts';
import { CASE_READING_ROLES, ROLES, type Role, rolesConflict } from './roles.ts';
import { sensitive } from './sensitive.ts';
import { roleSchema } from './session.ts';

/**
 * Schemas of the people-management API: the admin pages (/api/admin/…) and an officeholder's own
 * relatives (/api/me/relatives). Shared by the server (route validation, OpenAPI) and the web app (forms).
 *
 * What an admin sees of a person is account data only: name, e-mail, roles, office, region,
 * association, expert field, status, dates and the state of the latest invitation. Never anything from
 * cases, never a token or link. Request bodies are strict: an unknown field is a 400, so nothing can be
 * smuggled in (mass assignment).
 */

// ---------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------

export const personStatusSchema = z.enum(PERSON_STATUSES);

/** Where an invitation stands. `pending` = not used, not revoked, not expired. */
export const INVITATION_STATES = ['pending', 'used', 'revoked', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];
export const invitationStateSchema = z.enum(INVITATION_STATES);

export const INVITATION_KINDS = ['invite', 'setup'] as const;
export const invitationKindSchema = z.enum(INVITATION_KINDS);

/** An e-mail address as a person types it (trimmed); the server compares addresses lower-cased. */
export const emailSchema = z.string().trim().max(254).pipe(z.email());

/** A person's name as an inviter may pre-fill it; the person confirms or changes it on activation. */
export const displayNameSchema = z.string().trim().min(1).max(100);

/** Municipality, province or water board (free text for now, e.g. "Zwolle"). */
export const regionSchema = z.string().trim().min(1).max(100);

export const idParamsSchema = z.object({ id: z.uuid() });

/** The body of an action without input (deactivate, resend, …): none at all, or `{}`. */
export const noBodySchema = z.strictObject({}).nullish();

/** The latest invitation of a person, as far as a status display needs it. */
/**
 * How an invitation's link reached the person: by e-mail, or with the printed package (its QR code, or
 * its short code exchanged at /activeren/code). Null: handed to no one yet.
 */
export const INVITATION_DELIVERIES = ['mail', 'package'] as const;
export type InvitationDelivery = (typeof INVITATION_DELIVERIES)[number];

export const invitationSummarySchema = z.object({
  id: z.uuid(),
  kind: invitationKindSchema,
  state: invitationStateSchema,
  /** Given where the reader needs it (the handover pages); absent where a list does not read it. */
  delivery: z.enum(INVITATION_DELIVERIES).nullable().optional(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type InvitationSummary = z.infer<typeof invitationSummarySchema>;

export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 100;

/** `?page=&pageSize=` of every admin list. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
};

// ---------------------------------------------------------------------------------------------------
// Role rules (checked by the schemas below, so the web form shows the same errors the server gives)
// ---------------------------------------------------------------------------------------------------

/**
 * Roles an admin may grant. `relative` is missing on purpose: a relative is always invited by the
 * officeholder they belong to (POST /api/me/relatives), never by an admin, so the link to that
 * officeholder always exists. (An admin may keep or restore `relative` on a person who already has that link.)
 */
export const ADMIN_GRANTABLE_ROLES = ROLES.filter((role) => role !== 'relative') as Exclude<Role, 'relative'>[];

interface RoleFields {
  roles: readonly Role[];
  association?: string | undefined;
  expertField?: string | undefined;
  office?: string | undefined;
}

/** Problems with a combination of roles and role details, as zod issues on the right field. */
function checkRoleDetails(value: RoleFields, ctx: z.RefinementCtx, options: { requireDetails: boolean }) {
  if (new Set(value.roles).size !== value.roles.length) {
    ctx.addIssue({ code: 'custom', path: ['roles'], message: 'Each role may appear only once.' });
  }
  if (rolesConflict(value.roles)) {
    ctx.addIssue({
      code: 'custom',
      path: ['roles'],
      message: 'An admin cannot also hold a role that reads cases (separation of duties).',
    });
  }
  const has = (role: Role) => value.roles.includes(role);
  if (options.requireDetails && has('confidant') && !value.association) {
    ctx.addIssue({ code: 'custom', path: ['association'], message: 'A confidant needs an association.' });
  }
  if (options.requireDetails && has('expert') && !value.expertField) {
    ctx.addIssue({ code: 'custom', path: ['expertField'], message: 'An expert needs a field.' });
  }
  if (value.association && !has('confidant')) {
    ctx.addIssue({ code: 'custom', path: ['association'], message: 'Only a confidant has an association.' });
  }
  if (value.expertField && !has('expert')) {
    ctx.addIssue({ code: 'custom', path: ['expertField'], message: 'Only an expert has a field.' });
  }
  if (value.office && !has('officeholder') && !has('peer')) {
    ctx.addIssue({ code: 'custom', path: ['office'], message: 'Only an officeholder or peer has an office.' });
  }
}

// ---------------------------------------------------------------------------------------------------
// Admin: people
// ---------------------------------------------------------------------------------------------------

/** GET /api/admin/people — search by name or e-mail (`q`), filter by role and status, page through. */
export const adminPeopleQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  role: roleSchema.optional(),
  status: personStatusSchema.optional(),
  ...pageQuery,
});
export type AdminPeopleQuery = z.infer<typeof adminPeopleQuerySchema>;

/** One person as the admin list shows them. */
export const adminPersonSummarySchema = z.object({
  id: z.uuid(),
  /** Null until the person has activated their account and given their name. */
  displayName: z.string().nullable(),
  email: z.string(),
  roles: z.array(roleSchema),
  status: personStatusSchema,
  office: z.string().nullable(),
  region: z.string().nullable(),
  association: z.string().nullable(),
  expertField: z.string().nullable(),
  createdAt: z.iso.datetime(),
  activatedAt: z.iso.datetime().nullable(),
  deactivatedAt: z.iso.datetime().nullable(),
  /** The latest invitation, or null when none was ever issued (e.g. seeded accounts). */
  invitation: invitationSummarySchema.nullable(),
});
export type AdminPersonSummary = z.infer<typeof adminPersonSummarySchema>;

export const adminPeopleResponseSchema = z.object({
  people: z.array(adminPersonSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AdminPeopleResponse = z.infer<typeof adminPeopleResponseSchema>;

/**
 * A request to grant roles that read cases (four eyes): asked by one admin after a fresh sign-in, granted
 * only when a second admin approves. `mayDecide`: the caller is not the admin who asked.
 */
export const ROLE_GRANT_DECISIONS = ['approved', 'rejected', 'withdrawn', 'expired'] as const;
export const roleGrantSchema = z.object({
  id: z.uuid(),
  person: z.object({ id: z.uuid(), displayName: z.string().nullable(), email: z.string() }),
  roles: z.array(z.enum(CASE_READING_ROLES)),
  association: z.string().nullable(),
  expertField: z.string().nullable(),
  requestedBy: z.object({ id: z.uuid(), displayName: z.string().nullable() }),
  requestedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** Null while it waits. */
  decision: z.enum(ROLE_GRANT_DECISIONS).nullable(),
  decidedBy: z.object({ id: z.uuid(), displayName: z.string().nullable() }).nullable(),
  decidedAt: z.iso.datetime().nullable(),
  mayApprove: z.boolean(),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

/** GET /api/admin/people/:id — account data only, and the role request waiting for approval, if any. */
export const adminPersonSchema = adminPersonSummarySchema.extend({ pendingRoleGrant: roleGrantSchema.nullable() });
export type AdminPerson = z.infer<typeof adminPersonSchema>;
export const adminPersonResponseSchema = z.object({ person: adminPersonSchema });
export type AdminPersonResponse = z.infer<typeof adminPersonResponseSchema>;

/**
 * POST /api/admin/people — invite someone. A confidant needs an association, an expert a field.
 * `relative` cannot be granted here (see ADMIN_GRANTABLE_ROLES). 409 `email_taken` when the address is in use.
 * Answers 201 with the person; the activation link goes only by mail (or to the local outbox).
 */
export const adminInviteBodySchema = z
  .strictObject({
    email: emailSchema,
    displayName: displayNameSchema.optional(),
    roles: z.array(z.enum(ADMIN_GRANTABLE_ROLES)).min(1).max(ROLES.length),
    office: officeSchema.optional(),
    region: regionSchema.optional(),
    association: associationSchema.optional(),
    expertField: expertFieldSchema.optional(),
  })
  .superRefine((value, ctx) => checkRoleDetails(value, ctx, { requireDetails: true }));
export type AdminInviteBody = z.infer<typeof adminInviteBodySchema>;

/**
 * PUT /api/admin/people/:id/roles — replace a person's roles. Granting `confidant` or `expert` to
 * someone without an association / field needs it here too. Rules enforced by the server:
 * nobody changes their own roles (409 `own_roles`); `admin` never together with a role that reads cases
 * (400, field `roles`); at least one active admin must remain (409 `last_admin`); `relative` only for a
 * person linked to an officeholder (400 `relative_needs_link`).
 *
 * Separation of duties: a role that reads cases (CASE_READING_ROLES) is never granted at once. It needs
 * a sign-in at most STEP_UP_MINUTES ago (403 `step_up_required`) and becomes a request that a second
 * admin approves (POST /api/admin/role-grants/:id/approve). The other changes apply at once; the answer
 * is 202 with the person and `pendingRoleGrant` when a request was made, 200 otherwise.
 * The same holds for POST /api/admin/people: the invitation mail waits for the approval when the
 * person would otherwise have no role.
 */
export const adminRolesBodySchema = z
  .strictObject({
    roles: z.array(roleSchema).min(1).max(ROLES.length),
    association: associationSchema.optional(),
    expertField: expertFieldSchema.optional(),
  })
  .superRefine((value, ctx) => checkRoleDetails(value, ctx, { requireDetails: false }));
export type AdminRolesBody = z.infer<typeof adminRolesBodySchema>;

/**
 * POST /api/admin/people/:id/deactivate — ends every session at once and revokes a pending invitation.
 * Not yourself (409 `cannot_deactivate_self`), not the last active admin (409 `last_admin`).
 * POST /api/admin/people/:id/reactivate — back to `active` (or `invited` if never activated).
 * Both have no body and answer 200 with the person.
 */
export const adminPersonActionResponseSchema = adminPersonResponseSchema;

/**
 * POST /api/admin/people/:id/resend-invitation — a new link (the old one stops working), mailed to the
 * person. Only for a person who is still `invited` (409 `not_invited` otherwise). Answers 200.
 */
export const resendInvitationResponseSchema = z.object({ invitation: invitationSummarySchema });
export type ResendInvitationResponse = z.infer<typeof resendInvitationResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Admin: role requests (four eyes)
// ---------------------------------------------------------------------------------------------------

/** GET /api/admin/role-grants?state=pending (the default) | decided. */
export const ROLE_GRANT_STATES = ['pending', 'decided'] as const;
export const roleGrantsQuerySchema = z.object({
  state: z.enum(ROLE_GRANT_STATES).default('pending'),
  ...pageQuery,
});
export type RoleGrantsQuery = z.infer<typeof roleGrantsQuerySchema>;
export const roleGrantsResponseSchema = z.object({
  grants: z.array(roleGrantSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type RoleGrantsResponse = z.infer<typeof roleGrantsResponseSchema>;

/**
 * POST /api/admin/role-grants/:id/approve — a second admin (not the one who asked; 409 `four_eyes`),
 * after a fresh sign-in (403 `step_up_required`), grants the roles. 409 `roles_conflict` when the person
 * has become an admin meanwhile; 404 when the request is not waiting.
 * POST /api/admin/role-grants/:id/reject — any admin turns it down (the one who asked: withdraws it).
 * Both answer 200 with the request.
 */
export const roleGrantResponseSchema = z.object({ grant: roleGrantSchema });
export type RoleGrantResponse = z.infer<typeof roleGrantResponseSchema>;

/** Notification kinds of role requests (the web app translates `notifications.kinds.<kind>`). */
export const ROLE_GRANT_NOTIFICATION_KINDS = [
  'role_grant_requested',
  'role_grant_approved',
  'role_grant_rejected',
  'role_granted',
] as const;

/** Notifications about role requests name this subject type and the request's id. */
export const ROLE_GRANT_SUBJECT = 'role_grant';

// ---------------------------------------------------------------------------------------------------
// Admin: invitations
// ---------------------------------------------------------------------------------------------------

/** GET /api/admin/invitations?status=pending (the default). */
export const adminInvitationsQuerySchema = z.object({
  status: invitationStateSchema.default('pending'),
  ...pageQuery,
});
export type AdminInvitationsQuery = z.infer<typeof adminInvitationsQuerySchema>;

export const adminInvitationSchema = invitationSummarySchema.extend({
  person: z.object({ id: z.uuid(), displayName: z.string().nullable(), email: z.string() }),
});
export type AdminInvitation = z.infer<typeof adminInvitationSchema>;

export const adminInvitationsResponseSchema = z.object({
  invitations: z.array(adminInvitationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AdminInvitationsResponse = z.infer<typeof adminInvitationsResponseSchema>;

/** POST /api/admin/invitations/:id/revoke — answers 204; 404 when it is not pending. */

// ---------------------------------------------------------------------------------------------------
// Admin: local mail outbox (only without SMTP_URL; otherwise 404)
// ---------------------------------------------------------------------------------------------------

/** GET /api/admin/outbox?page=&pageSize= */
export const outboxQuerySchema = z.object({ ...pageQuery });

export const outboxMessageSummarySchema = z.object({
  id: z.uuid(),
  recipient: z.string(),
  subject: z.string(),
  kind: z.string(),
  createdAt: z.iso.datetime(),
  /** When the local transport printed it; null while it waits. */
  sentAt: z.iso.datetime().nullable(),
});
export type OutboxMessageSummary = z.infer<typeof outboxMessageSummarySchema>;

export const outboxResponseSchema = z.object({
  messages: z.array(outboxMessageSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OutboxResponse = z.infer<typeof outboxResponseSchema>;

/** GET /api/admin/outbox/:id — the text (it may hold an activation link; every read is audited). */
export const outboxMessageSchema = outboxMessageSummarySchema.extend({
  body: sensitive(z.string().nullable()),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export const outboxMessageResponseSchema = z.object({ message: outboxMessageSchema });

// ---------------------------------------------------------------------------------------------------
// Officeholder: my relatives
// ---------------------------------------------------------------------------------------------------

/** Who a relative is to the officeholder who invites them; staff read it on the relative's requests. */
export const RELATIVE_RELATIONSHIPS = ['partner', 'child', 'other'] as const;
export type RelativeRelationship = (typeof RELATIVE_RELATIONSHIPS)[number];
export const relativeRelationshipSchema = z.enum(RELATIVE_RELATIONSHIPS);

/**
 * POST /api/me/relatives — invite a family member, saying who they are to me. They get the role
 * `relative`, linked to me. An address already in use gets the same 201 answer (no account is revealed;
 * src/server/modules/people/relatives-account-invites.ts). Answers 201 with the relative.
 */
export const inviteRelativeBodySchema = z.strictObject({
  email: emailSchema,
  relationship: relativeRelationshipSchema,
});
export type InviteRelativeBody = z.infer<typeof inviteRelativeBodySchema>;

export const relativeSchema = z.object({
  id: z.uuid(),
  /** Null until they have activated their account. */
  displayName: z.string().nullable(),
  email: z.string(),
  status: personStatusSchema,
  /** Relatives invited before relationships were asked for read as `other`. */
  relationship: relativeRelationshipSchema,
  invitation: invitationSummarySchema.nullable(),
});
export type Relative = z.infer<typeof relativeSchema>;

export const relativeResponseSchema = z.object({ relative: relativeSchema });
/** GET /api/me/relatives — mine only. */
export const relativesResponseSchema = z.object({ relatives: z.array(relativeSchema) });
export type RelativesResponse = z.infer<typeof relativesResponseSchema>;

/**
 * POST /api/me/relatives/:id/revoke-invitation — 204; 404 when there is no pending invitation.
 * POST /api/me/relatives/:id/resend-invitation — 200 relativeResponseSchema; 409 `not_invited` once active.
 * DELETE /api/me/relatives/:id — ends the relative's access: their link to me and the role `relative`
 * go, pending invitations are revoked and their sessions end; an account with no other role is
 * deactivated. Answers 204. Another officeholder's relative is 404.
 */
