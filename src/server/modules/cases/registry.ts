import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { GrantScope, Urgency } from '../../../shared/cases.ts';
import type { CatalogueText, ProblemCode } from '../../../shared/catalogue/index.ts';
import { type CaseReadingRole, isCaseReadingRole, ROLES, type Role } from '../../../shared/roles.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import type { EncryptedColumn } from '../../lib/encrypted-columns.ts';
import type { AccessRules, Relation } from '../../lib/policy.ts';
import type { CaseState, QueueRow, StaffProfile } from './types.ts';

/**
 * The case-type registry. Each type module (support, sipa, … and a test's own) registers one
 * definition; the case core (services, routes, queue, jobs, retention) knows nothing type-specific
 * beyond what a definition declares here. See ARCHITECTURE.md ("How a case type plugs in").
 */

/**
 * How a transition is made. The core's routes make `status`, `take`, `assign`, `release`, `close`,
 * `reopen` and (the system, when the requester writes) `requester_message`; a type names its own for
 * its own actions (e.g. `advice`, `conflict_check`).
 */
export type TransitionVia = string;

/** Who makes a transition: a relation, queue staff who may take it (no relation yet), or the system. */
export type TransitionActor = Relation | 'eligible_staff' | 'system';

export interface Transition {
  from: readonly string[];
  to: string;
  via: TransitionVia;
  by: readonly TransitionActor[];
}

/** A first-response target: wall-clock minutes (around the clock) or working days. */
export type SlaTarget = { amount: number; unit: 'minutes' } | { amount: number; unit: 'working_days' };

export interface CaseTypeSettings {
  firstResponse: Record<Urgency, SlaTarget>;
  /** How long before the due time the reminder goes out (real milliseconds). */
  reminderLeadMs: Record<Urgency, number>;
  /** Days after closing in which the requester may reopen. */
  reopenDays: number;
  /** Days after closing after which the content is destroyed (≥ reopenDays). */
  retentionDays: number;
  /** Total size of a case's files (bytes); one file is at most ATTACHMENT_MAX_BYTES. */
  attachmentsMaxTotalBytes: number;
  /**
   * New requests of this type one person may make in any 24 hours (counted in the database when a
   * case is created); DEFAULT_MAX_REQUESTS_PER_DAY when the type and the environment set none.
   */
  maxRequestsPerDay?: number;
}

/** Optional plain columns a tombstone may keep besides type, dates, office type, region and outcome. */
export type TombstoneExtra = 'urgency';

/** One of the type's own actions (its routes): who may (relations; grantees with the scope) and when. */
export interface TypeAction<TData> {
  relations: readonly Relation[];
  scope?: string;
  /** Whether the case's state allows it now (besides policy); default: always. */
  when?(state: CaseState<TData>, relations: ReadonlySet<Relation>, now: Date): boolean;
}

/** The type's own tables (keyed by `case_id`, see caseTypeKey()): how the core reads them for its cases. */
export interface CaseTypeData<TData> {
  /** The type's data of these cases; every case of the type has an entry. */
  load(db: DbOrTx, caseIds: readonly string[]): Promise<Map<string, TData>>;
}

/** What a hook gets: the transaction of the change, its moment, the case before the change, who acts. */
export interface HookInput<TData> {
  tx: Tx;
  now: Date;
  state: CaseState<TData>;
  actorId: string | null;
}

/**
 * Hooks into the core's actions, run in the same transaction (the type writes its own tables). None is
 * required; a type without data needs none.
 */
export interface CaseTypeHooks<TData> {
  /**
   * A staff member took the case. `visibleToRequester: false`: the requester neither sees nor hears of it.
   * `to`: which of the type's `take` transitions from the current status to make, when there are several
   * (SIPA: back to the phone intake, or to the conflict check when the details are already there).
   */
  onTake?(input: HookInput<TData>): Promise<{ visibleToRequester?: boolean; to?: string } | undefined>;
  /** The case went back to the queue (released, or handed back by the type's own action). */
  onRelease?(input: HookInput<TData>): Promise<void>;
  /** The case is being closed. `endAssignments`: the assigned staff leave it (a reopen goes to the queue). */
  onClose?(input: HookInput<TData>): Promise<{ endAssignments?: boolean } | undefined>;
  onReopen?(input: HookInput<TData>): Promise<void>;
  /** The content is being destroyed (retention or the requester's request): empty the type's tables. */
  onErase?(input: HookInput<TData> & { reason: 'retention' | 'requester' }): Promise<void>;
}

export interface PresentInput<TData> {
  state: CaseState<TData>;
  keyring: Keyring;
  /** The decrypted intake, or null when the caller may not read it (the core decided that already). */
  intake: unknown | null;
  /** The decrypted person concerned, or null when the caller may not read it. */
  personConcerned: unknown | null;
  relations: ReadonlySet<Relation>;
}

/**
 * Why a guard refuses an action, for the person who tried (409 with this code instead of the core's
 * `case_state`), and the field of their form it is about, if any.
 */
export interface CaseActionRefusal {
  code: ProblemCode;
  detail: string;
  field?: string;
}

export interface CaseTypeDefinition<TData = unknown> {
  type: string;
  /** The record type of the type's cases in the audit trail (and so in the requester's access log). */
  recordType: string;
  /** Audit actions the core writes for the type (string literals, for the audit catalogue). */
  auditActions: {
    /** Reading the person concerned (apart from the intake). */
    personConcernedRead: string;
  };
  /**
   * Texts (nl/en, for the person's access log) of audit actions the type writes that are not in the
   * shared catalogue (src/shared/catalogue) — a type defined outside src/shared brings its own. Every
   * action a case audits must have a text in one of the two; the core refuses any other.
   */
  auditTexts?: Readonly<Record<string, CatalogueText>>;
  statuses: readonly string[];
  initialStatus: string;
  /** "Waiting for the requester": the service-target clock pauses here. */
  pausedStatus: string;
  closedStatus: string;
  transitions: readonly Transition[];
  outcomes: readonly string[];
  /** The outcome a requester may close with (withdrawing); null when requesters may not close. */
  requesterOutcome: string | null;
  /**
   * Roles that triage and assign, and see every case of the type (policy relation `coordinator`). This
   * and the next two name only case-reading roles (src/shared/roles.ts), which no admin may hold.
   */
  coordinatorRoles: readonly CaseReadingRole[];
  /** The type's staff: roles that may take a case or be assigned to one. */
  assignableRoles: readonly CaseReadingRole[];
  /** Roles whose holders may be let in by the requester (peers, experts); empty: no grants. */
  grantableRoles: readonly CaseReadingRole[];
  /** Scopes a grantee may be given. */
  grantScopes: readonly GrantScope[];
  /** Who sees an unassigned case in their queue and may take it. */
  mayTake(staff: StaffProfile, state: CaseState<TData>): boolean;
  /**
   * `mayTake` in SQL, for the queue, which filters, counts and pages in the database: a condition on
   * the case whose id is `caseId` (typically an `exists` over the type's own table), or a constant,
   * that holds exactly when `mayTake(staff, state)` does. Both must say the same: the queue lists what
   * this says, taking checks `mayTake`.
   */
  mayTakeWhere(staff: StaffProfile, caseId: AnyPgColumn): SQL | boolean;
  /** Core actions: other relations than the core's defaults (merged over them). */
  rules?: Partial<AccessRules<string>>;
  /** The type's own actions (its own routes), with who may and when. */
  actions?: Readonly<Record<string, TypeAction<TData>>>;
  /**
   * An extra state check on any action, core or own (e.g. SIPA: nothing before the conflict check). A
   * refusal instead of `false` says why (SIPA: no documents before the phone intake).
   */
  guard?(action: string, state: CaseState<TData>, relations: ReadonlySet<Relation>): boolean | CaseActionRefusal;
  /** Who may read the person concerned (an encrypted column apart from the intake). */
  personConcernedRelations: readonly Relation[];
  attachments: {
    /** Statuses in which files may be added (SIPA: none before the intake conversation). */
    allowedIn: readonly string[];
    /** Whether an uploader may mark an image as evidence to keep it byte for byte (metadata included). */
    evidence: boolean;
  };
  /** "What happens next" per status, a key the web app translates. */
  nextStep: Record<string, string>;
  settings: CaseTypeSettings;
  tombstoneKeeps: readonly TombstoneExtra[];
  /** The type's own tables; absent when the type has none. */
  data?: CaseTypeData<TData>;
  hooks?: CaseTypeHooks<TData>;
  /** The encrypted columns of the type's own tables (for key rotation). */
  encryptedColumns?: readonly EncryptedColumn[];
  /** The type's part of GET /api/cases/:caseId (`typeDetail`), checked against the type's schema. */
  present(input: PresentInput<TData>): Record<string, unknown>;
  /**
   * Plain routing facts for the queue (`typeSummary`; never content). A queue row holds the columns the
   * queue shows, not the whole case row.
   */
  queueSummary?(item: QueueSummaryInput<TData>): Record<string, string | number | boolean | null>;
}

/** What a type's queue summary gets: the queue row and the type's data of the case. */
export interface QueueSummaryInput<TData> {
  row: QueueRow;
  data: TData;
}

export type CaseTypeSettingsOverrides = Partial<Record<string, Partial<CaseTypeSettings>>>;

/** Sorted like ROLES, so route declarations and the access table read the same. */
function inRoleOrder(roles: Iterable<Role>): Role[] {
  const wanted = new Set(roles);
  return ROLES.filter((role) => wanted.has(role));
}

export class CaseTypeRegistry {
  readonly #types = new Map<string, CaseTypeDefinition>();

  readonly #overrides: CaseTypeSettingsOverrides;

  /** @param overrides per type, settings over the type's and the environment's (tests, buildApp options). */
  constructor(overrides: CaseTypeSettingsOverrides = {}) {
    this.#overrides = overrides;
  }

  /**
   * Registers a type. `settings` are the deployment's (the type module reads them from the environment);
   * the registry's overrides win over them, and both over the definition's defaults.
   */
  register<TData>(
    definition: CaseTypeDefinition<TData>,
    options: { settings?: Partial<CaseTypeSettings> } = {},
  ): CaseTypeDefinition<TData> {
    if (this.#types.has(definition.type)) throw new Error(`Case type ${definition.type} is registered twice`);
    const settings = fitReminderLeads({
      ...definition.settings,
      ...options.settings,
      ...this.#overrides[definition.type],
    });
    const merged = { ...definition, settings };
    validateDefinition(merged);
    this.#types.set(definition.type, merged as CaseTypeDefinition);
    return merged;
  }

  get(type: string): CaseTypeDefinition {
    const definition = this.#types.get(type);
    if (!definition) throw new Error(`Unknown case type ${type}`);
    return definition;
  }

  has(type: string): boolean {
    return this.#types.has(type);
  }

  all(): CaseTypeDefinition[] {
    return [...this.#types.values()];
  }

  /** Every type's staff (coordinators and assignable roles): the function-level gate of staff routes. */
  staffRoles(): Role[] {
    return inRoleOrder(this.all().flatMap((type) => [...type.coordinatorRoles, ...type.assignableRoles]));
  }

  coordinatorRoles(): Role[] {
    return inRoleOrder(this.all().flatMap((type) => type.coordinatorRoles));
  }

  /** Who may have a queue: staff, then the roles a requester may let in (peers, experts). */
  queueRoles(): Role[] {
    const staff = this.staffRoles();
    const grantees = inRoleOrder(this.all().flatMap((type) => type.grantableRoles));
    return [...staff, ...grantees.filter((role) => !staff.includes(role))];
  }

  /** A status some type has (unknown keys are refused as invalid input, other types' as not allowed). */
  knowsStatus(status: string): boolean {
    return this.all().some((type) => type.statuses.includes(status));
  }

  knowsOutcome(outcome: string): boolean {
    return this.all().some((type) => type.outcomes.includes(outcome));
  }

  encryptedColumns(): EncryptedColumn[] {
    return this.all().flatMap((type) => [...(type.encryptedColumns ?? [])]);
  }
}

/**
 * A reminder lead as long as a (shortened) target in minutes would remind at the very start; then the
 * reminder goes out when three quarters of the target have passed.
 */
export function fitReminderLeads(settings: CaseTypeSettings): CaseTypeSettings {
  const reminderLeadMs = { ...settings.reminderLeadMs };
  for (const urgency of Object.keys(reminderLeadMs) as Urgency[]) {
    const target = settings.firstResponse[urgency];
    if (target.unit !== 'minutes') continue;
    const targetMs = target.amount * 60_000;
    if (reminderLeadMs[urgency] >= targetMs) reminderLeadMs[urgency] = Math.floor(targetMs / 4);
  }
  return { ...settings, reminderLeadMs };
}

/** The core's own actions: a type's own action may not take one of these names. */
const CORE_ACTION_NAMES = new Set([
  'read',
  'read_intake',
  'read_messages',
  'post_message',
  'read_notes',
  'post_note',
  'read_attachments',
  'upload_attachment',
  'change_status',
  'change_urgency',
  'assign',
  'take',
  'release',
  'close',
  'reopen',
  'give_feedback',
  'erase',
  'propose_grant',
  'manage_grants',
]);

/** Refuses a definition whose transitions name statuses the type does not have, and other slips. */
export function validateDefinition(definition: CaseTypeDefinition): void {
  const fail = (what: string) => {
    throw new Error(`Case type ${definition.type}: ${what}`);
  };
  if (!/^[a-z][a-z0-9_]*$/.test(definition.type)) fail('the type key must be lower case');
  const known = new Set(definition.statuses);
  const check = (status: string, where: string) => {
    if (!known.has(status)) fail(`${where} uses unknown status ${status}`);
  };
  check(definition.initialStatus, 'initialStatus');
  check(definition.pausedStatus, 'pausedStatus');
  check(definition.closedStatus, 'closedStatus');
  for (const transition of definition.transitions) {
    for (const from of transition.from) check(from, `transition ${transition.via}`);
    check(transition.to, `transition ${transition.via}`);
  }
  for (const status of definition.attachments.allowedIn) check(status, 'attachments.allowedIn');
  for (const status of definition.statuses) {
    if (!definition.nextStep[status]) fail(`no next step for ${status}`);
  }
  if (definition.requesterOutcome && !definition.outcomes.includes(definition.requesterOutcome)) {
    fail(`requesterOutcome ${definition.requesterOutcome} is not one of its outcomes`);
  }
  for (const action of Object.keys(definition.actions ?? {})) {
    if (CORE_ACTION_NAMES.has(action)) fail(`its own action ${action} has the name of a core action`);
  }
  if (definition.settings.retentionDays < definition.settings.reopenDays) {
    fail('retention must be at least the reopen window');
  }
  // Separation of duties rests on this: every role that can see a case is one no admin may hold.
  for (const role of [...definition.coordinatorRoles, ...definition.assignableRoles, ...definition.grantableRoles]) {
    if (!isCaseReadingRole(role))
      fail(`role ${role} reads cases but is not in CASE_READING_ROLES (src/shared/roles.ts)`);
  }
}

/** Whether the type has a transition made `via` from the case's current status. */
export function hasTransition(definition: CaseTypeDefinition, status: string, via: TransitionVia): boolean {
  return definition.transitions.some((transition) => transition.via === via && transition.from.includes(status));
}

/** Every (from → to) pair the type allows, for the state-machine property test and the types route. */
export function allowedPairs(definition: CaseTypeDefinition): Set<string> {
  const pairs = new Set<string>();
  for (const transition of definition.transitions) {
    for (const from of transition.from) pairs.add(`${from}->${transition.to}`);
  }
  return pairs;
}
