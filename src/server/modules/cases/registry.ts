import type {
  CaseAction,
  CaseDetail,
  CaseOutcome,
  CaseStatus,
  CaseType,
  GrantScope,
  Urgency,
} from '../../../shared/cases.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import type { AccessRules, Relation } from '../../lib/policy.ts';
import type { CaseRow } from './types.ts';

/**
 * The case-type registry. Each module (support, sipa, …) registers one definition; the case core
 * (service, routes, queue, jobs, retention) knows nothing type-specific beyond what is declared here.
 */

/** How a transition is made: the generic status route, or a dedicated action. */
export type TransitionVia =
  | 'status'
  | 'take'
  | 'assign'
  | 'release'
  | 'close'
  | 'reopen'
  | 'advice'
  | 'conflict_check'
  | 'requester_message';

export interface Transition {
  from: readonly CaseStatus[];
  to: CaseStatus;
  via: TransitionVia;
  /**
   * Relations that may make it (`take` is for eligible queue staff, who have no relation yet; and
   * `requester_message` is made by the system when the requester writes).
   */
  by: readonly (Relation | 'eligible_staff' | 'system')[];
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
export type TombstoneExtra = 'urgency' | 'association';

/** The staff member who wants to take a case from the queue, as far as the type needs to know. */
export interface StaffProfile {
  personId: string;
  roles: readonly Role[];
  association: string | null;
}

export interface CaseTypeDefinition {
  type: CaseType;
  statuses: readonly CaseStatus[];
  initialStatus: CaseStatus;
  /** "Waiting for the requester": the service-target clock pauses here. */
  pausedStatus: CaseStatus;
  closedStatus: CaseStatus;
  transitions: readonly Transition[];
  outcomes: readonly CaseOutcome[];
  /** The outcome a requester may close with (withdrawing); null when requesters may not close. */
  requesterOutcome: CaseOutcome | null;
  /** Roles that triage and assign, and see every case of the type (policy relation `coordinator`). */
  coordinatorRoles: readonly Role[];
  /** Roles a coordinator may assign a case to. */
  assignableRoles: readonly Role[];
  /** Who sees an unassigned case in their queue and may take it. */
  mayTake(staff: StaffProfile, row: CaseRow): boolean;
  /** Roles whose holders may be let in by the requester (peers, experts); empty: no grants. */
  grantableRoles: readonly Role[];
  /** Per action: which relations may do it (grantees with the named scope). Merged over the core's defaults. */
  rules?: Partial<AccessRules<CaseAction>>;
  /** Extra state guards per action (besides policy and transitions), e.g. SIPA's conflict check. */
  guards?: Partial<Record<CaseAction, (row: CaseRow, relations: ReadonlySet<Relation>) => boolean>>;
  /** Who may read the person concerned (an encrypted column apart from the intake). */
  personConcernedRelations: readonly Relation[];
  attachments: {
    /** Statuses in which files may be added (SIPA: none before the intake conversation). */
    allowedIn: readonly CaseStatus[];
    /** Whether an uploader may mark an image as evidence to keep it byte for byte (metadata included). */
    evidence: boolean;
  };
  /** "What happens next" per status, a key the web app translates. */
  nextStep: Record<string, string>;
  settings: CaseTypeSettings;
  tombstoneKeeps: readonly TombstoneExtra[];
  /**
   * Extra changes when a case closes, e.g. SIPA: an advisor who never confirmed the absence of a conflict
   * of interest is no longer assigned (so a reopened request goes back to the queue).
   */
  onClose?(row: CaseRow): { patch?: Partial<CaseRow>; endAssignments?: boolean };
  /** Scopes a grantee may be given. */
  grantScopes: readonly GrantScope[];
  /**
   * The type's own parts of GET /api/cases/:caseId. `intake` and `personConcerned` are the decrypted
   * values, or null when the caller may not read them; the core decided that already.
   */
  present(input: PresentInput): Pick<CaseDetail, 'intake' | 'support' | 'sipa'>;
}

export interface PresentInput {
  row: CaseRow;
  keyring: Keyring;
  intake: unknown | null;
  personConcerned: unknown | null;
  relations: ReadonlySet<Relation>;
}

export type CaseTypeSettingsOverrides = Partial<Record<CaseType, Partial<CaseTypeSettings>>>;

export class CaseTypeRegistry {
  readonly #types = new Map<CaseType, CaseTypeDefinition>();

  private readonly overrides: CaseTypeSettingsOverrides;

  constructor(overrides: CaseTypeSettingsOverrides = {}) {
    this.overrides = overrides;
  }

  register(definition: CaseTypeDefinition): CaseTypeDefinition {
    if (this.#types.has(definition.type)) throw new Error(`Case type ${definition.type} is registered twice`);
    const settings = fitReminderLeads({ ...definition.settings, ...this.overrides[definition.type] });
    const merged = { ...definition, settings };
    validateDefinition(merged);
    this.#types.set(definition.type, merged);
    return merged;
  }

  get(type: string): CaseTypeDefinition {
    const definition = this.#types.get(type as CaseType);
    if (!definition) throw new Error(`Unknown case type ${type}`);
    return definition;
  }

  has(type: string): boolean {
    return this.#types.has(type as CaseType);
  }

  all(): CaseTypeDefinition[] {
    return [...this.#types.values()];
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

/** Refuses a definition whose transitions name statuses the type does not have. */
export function validateDefinition(definition: CaseTypeDefinition): void {
  const known = new Set(definition.statuses);
  const check = (status: CaseStatus, where: string) => {
    if (!known.has(status)) throw new Error(`Case type ${definition.type}: ${where} uses unknown status ${status}`);
  };
  check(definition.initialStatus, 'initialStatus');
  check(definition.pausedStatus, 'pausedStatus');
  check(definition.closedStatus, 'closedStatus');
  for (const transition of definition.transitions) {
    for (const from of transition.from) check(from, `transition ${transition.via}`);
    check(transition.to, `transition ${transition.via}`);
  }
  for (const status of definition.statuses) {
    if (!definition.nextStep[status]) throw new Error(`Case type ${definition.type}: no next step for ${status}`);
  }
  if (definition.settings.retentionDays < definition.settings.reopenDays) {
    throw new Error(`Case type ${definition.type}: retention must be at least the reopen window`);
  }
}

/** The transitions from `from` made `via`, by one of the given relations. */
export function findTransitions(
  definition: CaseTypeDefinition,
  from: CaseStatus,
  via: TransitionVia,
  by: ReadonlySet<Relation | 'eligible_staff' | 'system'>,
): Transition[] {
  return definition.transitions.filter(
    (transition) => transition.via === via && transition.from.includes(from) && transition.by.some((b) => by.has(b)),
  );
}

/** Every (from → to) pair the type allows, for the state-machine property test and the types route. */
export function allowedPairs(definition: CaseTypeDefinition): Set<string> {
  const pairs = new Set<string>();
  for (const transition of definition.transitions) {
    for (const from of transition.from) pairs.add(`${from}->${transition.to}`);
  }
  return pairs;
}
