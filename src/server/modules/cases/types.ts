import type { Role } from '../../../shared/roles.ts';
import type { caseAssignments, caseGrants, cases } from './db.ts';
import type { CaseTypeDefinition } from './registry.ts';

export type CaseRow = typeof cases.$inferSelect;
export type AssignmentRow = typeof caseAssignments.$inferSelect;
export type GrantRow = typeof caseGrants.$inferSelect;

export interface Assignee {
  personId: string;
  displayName: string | null;
}

/**
 * A case with what access decisions, types and presenters need: the core row, the type's own data
 * (from its tables), its definition, who is assigned and who was let in.
 */
export interface CaseState<TData = unknown> {
  row: CaseRow;
  data: TData;
  definition: CaseTypeDefinition<TData>;
  assignees: Assignee[];
  grants: (GrantRow & { displayName: string | null })[];
}

/** The staff member who wants to take a case from the queue, as far as the type needs to know. */
export interface StaffProfile {
  personId: string;
  roles: readonly Role[];
  association: string | null;
}

/** The columns of a case a queue row shows (and its service target needs): never an envelope. */
export type QueueRow = Pick<
  CaseRow,
  | 'id'
  | 'reference'
  | 'type'
  | 'status'
  | 'urgency'
  | 'createdAt'
  | 'updatedAt'
  | 'firstResponseDueAt'
  | 'firstResponseAt'
  | 'pausedSince'
  | 'officeType'
  | 'region'
>;

/** The columns of a case the requester's own list shows. */
export type MyCaseRow = Pick<
  CaseRow,
  'id' | 'reference' | 'type' | 'status' | 'urgency' | 'createdAt' | 'updatedAt' | 'closedAt' | 'reopenUntil'
>;
