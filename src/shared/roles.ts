/** Every role a person can hold. A person can hold several. */
export const ROLES = [
  'officeholder',
  'relative',
  'confidant',
  'ot_coordinator',
  'peer',
  'expert',
  'ccv_advisor',
  'training_coordinator',
  'sipa_advisor',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * Roles that read the content of other people's cases: the staff every case type declares (its
 * coordinator and assignable roles) and the roles a requester may let in (peers, experts). The case
 * registry refuses a type that names a role outside this set, so the set always covers what the types
 * declare (support: ot_coordinator, confidant, peer, expert; SIPA: sipa_advisor; the woningscan:
 * ccv_advisor). A role is added here before a type may use it.
 *
 * Separation of duties: nobody holds `admin` together with one of these (see rolesConflict), and
 * granting one takes a fresh sign-in and a second admin's approval.
 */
export const CASE_READING_ROLES = [
  'confidant',
  'ot_coordinator',
  'peer',
  'expert',
  'ccv_advisor',
  'sipa_advisor',
] as const satisfies readonly Role[];

export type CaseReadingRole = (typeof CASE_READING_ROLES)[number];

export function isCaseReadingRole(role: string): role is CaseReadingRole {
  return (CASE_READING_ROLES as readonly string[]).includes(role);
}

/** Whether these roles break the separation of duties: `admin` together with a role that reads cases. */
export function rolesConflict(roles: readonly string[]): boolean {
  return roles.includes('admin') && roles.some(isCaseReadingRole);
}
