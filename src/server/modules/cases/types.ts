import type { caseAssignments, caseGrants, cases } from './db.ts';

export type CaseRow = typeof cases.$inferSelect;
export type AssignmentRow = typeof caseAssignments.$inferSelect;
export type GrantRow = typeof caseGrants.$inferSelect;
