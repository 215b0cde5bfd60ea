import type { AdminPersonSummary, InvitationState, InvitationSummary, Relative } from '../../../shared/admin.ts';
import type { Role } from '../../../shared/roles.ts';
import type { InvitationStatusRow } from './invitations.ts';
import type { PersonRow } from './repository.ts';

/**
 * Row → response mapping for the people API. Each view names its fields one by one (never a spread of
 * a row), so a column added to `people` later cannot reach a response by accident (V15.3.1).
 */

export function invitationState(
  row: Pick<InvitationStatusRow, 'usedAt' | 'revokedAt' | 'expiresAt'>,
  now = new Date(),
): InvitationState {
  if (row.usedAt) return 'used';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

export function invitationSummary(
  row: InvitationStatusRow | null | undefined,
  now = new Date(),
): InvitationSummary | null {
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    state: invitationState(row, now),
    ...(row.delivery !== undefined ? { delivery: row.delivery } : {}),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** Account data only: what an admin may see of anyone. */
export function adminPersonView(
  person: PersonRow,
  roles: readonly Role[],
  invitation: InvitationStatusRow | null | undefined,
): AdminPersonSummary {
  return {
    id: person.id,
    displayName: person.displayName,
    email: person.email,
    roles: [...roles],
    status: person.status,
    office: person.office,
    region: person.region,
    association: person.association,
    expertField: person.expertField,
    createdAt: person.createdAt.toISOString(),
    activatedAt: person.activatedAt?.toISOString() ?? null,
    deactivatedAt: person.deactivatedAt?.toISOString() ?? null,
    invitation: invitationSummary(invitation),
  };
}

/** What an officeholder sees of their relative. */
export function relativeView(person: PersonRow, invitation: InvitationStatusRow | null | undefined): Relative {
  return {
    id: person.id,
    // The name is the relative's own once they activate; before that there is nothing to show.
    displayName: person.status === 'invited' ? null : person.displayName,
    email: person.email,
    status: person.status,
    relationship: person.relationship ?? 'other',
    invitation: invitationSummary(invitation),
  };
}
