import { AANGIFTE_AUDIT_ACTIONS } from './audit-aangifte.ts';
import { AFTERCARE_AUDIT_ACTIONS } from './audit-aftercare.ts';
import { AUDIT_AUDIT_ACTIONS } from './audit-audit.ts';
import { AUTH_AUDIT_ACTIONS } from './audit-auth.ts';
import { CASES_AUDIT_ACTIONS } from './audit-cases.ts';
import { DAMAGES_AUDIT_ACTIONS } from './audit-damages.ts';
import { HANDOVER_AUDIT_ACTIONS } from './audit-handover.ts';
import { INCIDENTS_AUDIT_ACTIONS } from './audit-incidents.ts';
import { PACKAGE_AUDIT_ACTIONS } from './audit-package.ts';
import { PEOPLE_AUDIT_ACTIONS } from './audit-people.ts';
import { PRIVACY_AUDIT_ACTIONS } from './audit-privacy.ts';
import { SESSIONS_AUDIT_ACTIONS } from './audit-sessions.ts';
import { SIPA_AUDIT_ACTIONS } from './audit-sipa.ts';
import { SUPPORT_AUDIT_ACTIONS } from './audit-support.ts';
import { TRAINING_AUDIT_ACTIONS } from './audit-training.ts';
import { WONINGSCAN_AUDIT_ACTIONS } from './audit-woningscan.ts';
import { ZELFSCAN_AUDIT_ACTIONS } from './audit-zelfscan.ts';
import { AANGIFTE_PROBLEMS } from './problems-aangifte.ts';
import { AFTERCARE_PROBLEMS } from './problems-aftercare.ts';
import { AUTH_PROBLEMS } from './problems-auth.ts';
import { CASES_PROBLEMS } from './problems-cases.ts';
import { CORE_PROBLEMS } from './problems-core.ts';
import { DAMAGES_PROBLEMS } from './problems-damages.ts';
import { HANDOVER_PROBLEMS } from './problems-handover.ts';
import { IDEMPOTENCY_PROBLEMS } from './problems-idempotency.ts';
import { INCIDENTS_PROBLEMS } from './problems-incidents.ts';
import { PACKAGE_PROBLEMS } from './problems-package.ts';
import { PEOPLE_PROBLEMS } from './problems-people.ts';
import { PRIVACY_PROBLEMS } from './problems-privacy.ts';
import { SESSIONS_PROBLEMS } from './problems-sessions.ts';
import { SIPA_PROBLEMS } from './problems-sipa.ts';
import { SUPPORT_PROBLEMS } from './problems-support.ts';
import { TRAINING_PROBLEMS } from './problems-training.ts';
import { WONINGSCAN_PROBLEMS } from './problems-woningscan.ts';
import { ZELFSCAN_PROBLEMS } from './problems-zelfscan.ts';
import type { CatalogueText } from './types.ts';

/**
 * The typed catalogues: every audit action and every problem code of the API, one file per module
 * (audit-<module>.ts, problems-<module>.ts), each entry with its Dutch and English text for the person
 * who reads it (their access log, the error they see). `recordAudit` takes only an AuditAction and
 * `AppError` only a ProblemCode, so an action or code that is not here does not compile; a unit test
 * fails when a text is missing, empty, or the same in both languages.
 *
 * A module adds its own file and one line in each map below. A key belongs to one file only.
 */
export const AUDIT_CATALOGUES = {
  audit: AUDIT_AUDIT_ACTIONS,
  auth: AUTH_AUDIT_ACTIONS,
  sessions: SESSIONS_AUDIT_ACTIONS,
  people: PEOPLE_AUDIT_ACTIONS,
  handover: HANDOVER_AUDIT_ACTIONS,
  package: PACKAGE_AUDIT_ACTIONS,
  cases: CASES_AUDIT_ACTIONS,
  sipa: SIPA_AUDIT_ACTIONS,
  support: SUPPORT_AUDIT_ACTIONS,
  incidents: INCIDENTS_AUDIT_ACTIONS,
  aangifte: AANGIFTE_AUDIT_ACTIONS,
  training: TRAINING_AUDIT_ACTIONS,
  zelfscan: ZELFSCAN_AUDIT_ACTIONS,
  privacy: PRIVACY_AUDIT_ACTIONS,
  woningscan: WONINGSCAN_AUDIT_ACTIONS,
  damages: DAMAGES_AUDIT_ACTIONS,
  aftercare: AFTERCARE_AUDIT_ACTIONS,
} as const;

export const PROBLEM_CATALOGUES = {
  core: CORE_PROBLEMS,
  idempotency: IDEMPOTENCY_PROBLEMS,
  auth: AUTH_PROBLEMS,
  sessions: SESSIONS_PROBLEMS,
  people: PEOPLE_PROBLEMS,
  handover: HANDOVER_PROBLEMS,
  package: PACKAGE_PROBLEMS,
  zelfscan: ZELFSCAN_PROBLEMS,
  cases: CASES_PROBLEMS,
  sipa: SIPA_PROBLEMS,
  support: SUPPORT_PROBLEMS,
  incidents: INCIDENTS_PROBLEMS,
  aangifte: AANGIFTE_PROBLEMS,
  training: TRAINING_PROBLEMS,
  privacy: PRIVACY_PROBLEMS,
  woningscan: WONINGSCAN_PROBLEMS,
  damages: DAMAGES_PROBLEMS,
  aftercare: AFTERCARE_PROBLEMS,
} as const;

type Merged<Catalogues> = Catalogues[keyof Catalogues];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type AuditAction = keyof UnionToIntersection<Merged<typeof AUDIT_CATALOGUES>>;
export type ProblemCode = keyof UnionToIntersection<Merged<typeof PROBLEM_CATALOGUES>>;

function merge<Key extends string>(catalogues: Record<string, object>): Readonly<Record<Key, CatalogueText>> {
  return Object.assign({}, ...Object.values(catalogues)) as Record<Key, CatalogueText>;
}

/** Every audit action with its texts. */
export const AUDIT_ACTIONS = merge<AuditAction>(AUDIT_CATALOGUES);
/** Every problem code with its texts. */
export const PROBLEMS = merge<ProblemCode>(PROBLEM_CATALOGUES);

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

export function isProblemCode(value: string): value is ProblemCode {
  return Object.hasOwn(PROBLEMS, value);
}

/** The texts of a stored action (the audit table keeps plain strings); null for one no longer in use. */
export function auditActionText(action: string): CatalogueText | null {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : null;
}

export type { Catalogue, CatalogueText } from './types.ts';
