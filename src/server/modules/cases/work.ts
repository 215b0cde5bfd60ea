import { type AuditAction, isAuditAction } from '../../../shared/catalogue/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { conflict } from '../../lib/errors.ts';
import type { Relation } from '../../lib/policy.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { relationsTo } from './access.ts';
import { clockOf, scheduleSlaCheck, targetOf } from './clock.ts';
import type { CaseDeps } from './context.ts';
import { caseAad } from './crypto.ts';
import { CASE_SUBJECT } from './notification-subject.ts';
import type { CaseTypeDefinition, HookInput, TransitionActor, TransitionVia } from './registry.ts';
import { endAssignments, insertEvent, loadTypeData, staffHolding, updateCase } from './repository.ts';
import { answerClock, pauseClock, resumeClock } from './sla.ts';
import type { CaseRow, CaseState } from './types.ts';

export const transitionNotAllowed = () =>
  conflict('transition_not_allowed', 'The case cannot move to that status from its current status.');

type Details = Record<string, string | number | boolean | null>;

export interface TransitionOptions {
  to: string;
  via: TransitionVia;
  /** Who makes it; by default the acting person's relations to the case. */
  by?: Iterable<TransitionActor>;
  /** Core columns that change with it (closing, reopening). */
  patch?: Partial<CaseRow>;
  /** The timeline entry; by default `status_changed`, shown to the requester. */
  event?: { kind: string; visibility: 'requester' | 'staff'; details?: Details };
}

/**
 * One case inside one unit of work: what the case core's actions and the types' own actions do to it.
 * Made by the façade (withCase / readCase) after loading, locking and authorizing; every change it makes
 * is in the unit's transaction, and every effect (mail, the next service-target check) waits for the
 * commit. `state` follows the changes made through it.
 */
export class CaseWork<TData = unknown> {
  #relations: Set<Relation>;
  private readonly deps: CaseDeps;
  readonly w: Work;
  state: CaseState<TData>;

  constructor(deps: CaseDeps, w: Work, state: CaseState<TData>) {
    this.deps = deps;
    this.w = w;
    this.state = state;
    this.#relations = relationsTo(w.actor, state as CaseState);
  }

  get tx() {
    return this.w.tx;
  }
  get now(): Date {
    return this.w.now;
  }
  get actor(): Actor | null {
    return this.w.actor;
  }
  get caseId(): string {
    return this.state.row.id;
  }
  get row(): CaseRow {
    return this.state.row;
  }
  get data(): TData {
    return this.state.data;
  }
  get keyring(): Keyring {
    return this.deps.keyring;
  }
  /** The acting person's relations to the case (as loaded). */
  get relations(): ReadonlySet<Relation> {
    return this.#relations;
  }

  /** What a type's hook gets. */
  hookInput(): HookInput<TData> {
    return { tx: this.tx, now: this.now, state: this.state, actorId: this.actor?.personId ?? null };
  }

  /** Re-reads the type's data (after the type or a hook wrote its tables). */
  async reloadData(): Promise<void> {
    const data = await loadTypeData(this.tx, this.deps.registry, [this.state.row]);
    this.state = { ...this.state, data: data.get(this.caseId) as TData };
  }

  /** Takes a row the core wrote as the case's current row. */
  setRow(row: CaseRow): void {
    this.state = { ...this.state, row };
  }

  /** Changes core columns of the case (its status only through `transition`). */
  async update(patch: Partial<CaseRow>): Promise<CaseRow> {
    this.setRow(await updateCase(this.tx, this.caseId, { ...patch, updatedAt: this.now }));
    return this.row;
  }

  /** The requester's intake as stored (decrypted), for a type that completes it later. */
  readIntake(): unknown {
    const envelope = this.row.intakeEnvelope;
    return envelope ? JSON.parse(this.keyring.decryptString(envelope, caseAad.intake(this.caseId))) : null;
  }

  /**
   * Writes the intake anew and, when given, the person concerned: for a type whose requester tells in
   * steps (SIPA: the details only after its phone intake). Encrypted and bound to the case as at creation.
   */
  async writeIntake(intake: unknown, personConcerned?: unknown): Promise<void> {
    await this.update({
      intakeEnvelope: this.keyring.encrypt(JSON.stringify(intake), caseAad.intake(this.caseId)),
      ...(personConcerned !== undefined
        ? {
            personConcernedEnvelope: this.keyring.encrypt(
              JSON.stringify(personConcerned),
              caseAad.personConcerned(this.caseId),
            ),
          }
        : {}),
    });
  }

  /** Something happened: `updatedAt` moves on. */
  async touch(): Promise<void> {
    await this.update({});
  }

  /**
   * Moves the case along one of its type's transitions. Pauses the service-target clock on entering the
   * type's paused status and resumes it on leaving. 409 when the type has no such transition.
   */
  async transition(options: TransitionOptions): Promise<CaseRow> {
    const { row, definition } = this.state;
    const from = row.status;
    const by = new Set<TransitionActor>(options.by ?? this.#relations);
    const allowed = definition.transitions.some(
      (transition) =>
        transition.via === options.via &&
        transition.to === options.to &&
        transition.from.includes(from) &&
        transition.by.some((actor) => by.has(actor)),
    );
    if (!allowed) throw transitionNotAllowed();
    let clock = clockOf(row);
    const target = targetOf(definition, row.urgency);
    const resumes = from === definition.pausedStatus && options.to !== definition.pausedStatus;
    if (options.to === definition.pausedStatus && from !== definition.pausedStatus) {
      clock = pauseClock(this.deps.calendar, target, clock, this.now);
    } else if (resumes) {
      clock = resumeClock(this.deps.calendar, target, clock, this.now);
    }
    // `closed_at` is set exactly while the case is closed: the queue's SQL counts on it (queue-repository.ts).
    const closedAt =
      options.to === definition.closedStatus
        ? { closedAt: options.patch?.closedAt ?? row.closedAt ?? this.now }
        : { closedAt: null };
    const updated = await this.update({ ...clock, ...options.patch, ...closedAt, status: options.to });
    await this.event(options.event?.kind ?? 'status_changed', options.event?.visibility ?? 'requester', {
      details: options.event?.details ?? null,
      fromStatus: from,
      toStatus: options.to,
    });
    if (resumes) scheduleSlaCheck(this.w, definition, updated);
    return updated;
  }

  /** The requester got a first response (a visible message, advice): the clock stops, once. */
  async recordFirstResponse(): Promise<void> {
    if (this.row.firstResponseAt) return;
    const target = targetOf(this.state.definition, this.row.urgency);
    await this.update(answerClock(this.deps.calendar, target, clockOf(this.row), this.now));
  }

  /** Asks for the next service-target check (after the commit). */
  scheduleSlaCheck(): void {
    scheduleSlaCheck(this.w, this.state.definition, this.row);
  }

  /** A timeline entry (codes, never content). */
  async event(
    kind: string,
    visibility: 'requester' | 'staff',
    options: { details?: Details | null; fromStatus?: string; toStatus?: string } = {},
  ): Promise<void> {
    await insertEvent(this.tx, this.caseId, {
      kind,
      actorId: this.actor?.personId ?? null,
      visibility,
      fromStatus: options.fromStatus ?? null,
      toStatus: options.toStatus ?? null,
      details: options.details ?? null,
      at: this.now,
    });
  }

  /** Audits an action on the case, about its requester (so it shows in their access log). */
  async audit(action: string, details?: Details): Promise<void> {
    await recordAudit(this.tx, this.w, {
      action: caseAuditAction(this.state.definition, action),
      subjectPersonId: this.row.requesterId,
      recordType: this.state.definition.recordType,
      recordId: this.caseId,
      ...(details ? { details } : {}),
    });
  }

  /** Audits a read, unless the reader is the requester (reading your own case is not "someone else"). */
  async auditRead(action: string, details?: Details): Promise<void> {
    if (this.actor && this.actor.personId === this.row.requesterId) return;
    await this.audit(action, details);
  }

  /**
   * Notifies people about the case (in the app, and a notice mail after the commit). The acting person
   * is left out: nobody hears about their own action.
   */
  async notify(personIds: readonly string[], kind: string): Promise<void> {
    const recipients = personIds.filter((id) => id !== this.actor?.personId);
    await this.deps.notifications.notify(this.w, recipients, kind, { type: CASE_SUBJECT, id: this.caseId });
  }

  async notifyRequester(kind: string): Promise<void> {
    if (this.row.requesterId) await this.notify([this.row.requesterId], kind);
  }

  /** The people on the other side of the acting person: the requester, or the assigned staff. */
  otherSide(): string[] {
    if (this.actor?.personId === this.row.requesterId) return this.state.assignees.map((a) => a.personId);
    return this.row.requesterId ? [this.row.requesterId] : [];
  }

  /** Who should hear about the case waiting in the queue: coordinators and the staff who may take it. */
  async queueAudience(): Promise<string[]> {
    const { definition } = this.state;
    const staff = await staffHolding(this.tx, [...definition.coordinatorRoles, ...definition.assignableRoles]);
    return staff
      .filter(
        (profile) =>
          definition.coordinatorRoles.some((role) => profile.roles.includes(role)) ||
          definition.mayTake(profile, this.state),
      )
      .map((profile) => profile.personId);
  }

  /**
   * Hands the case back to the queue: the assignment ends, the case moves (made `via`, default `release`)
   * to the type's initial status, the type's onRelease hook runs and the queue hears of it.
   */
  async release(options: { via?: TransitionVia; eventKind?: string } = {}): Promise<CaseRow> {
    const { definition } = this.state;
    const via = options.via ?? 'release';
    const to = definition.transitions.find(
      (t) => t.via === via && t.from.includes(this.row.status) && t.to === definition.initialStatus,
    )?.to;
    if (!to) throw transitionNotAllowed();
    await endAssignments(this.tx, this.caseId, this.now);
    await definition.hooks?.onRelease?.(this.hookInput());
    const updated = await this.transition({
      to,
      via,
      event: { kind: options.eventKind ?? 'released', visibility: 'staff' },
    });
    this.state = { ...this.state, assignees: [] };
    await this.reloadData();
    await this.notify(await this.queueAudience(), 'case_new_in_queue');
    return updated;
  }

  /** The answer of most actions: the case's id and status now. */
  result(): { id: string; status: string } {
    return { id: this.caseId, status: this.row.status };
  }
}

/**
 * An action the case may audit: one of the shared catalogue's, or one the type brings a text for
 * (`auditTexts`). Anything else is a programming error, refused before anything is written.
 */
export function caseAuditAction(definition: CaseTypeDefinition, action: string): AuditAction {
  if (isAuditAction(action)) return action;
  if (definition.auditTexts && Object.hasOwn(definition.auditTexts, action)) return action as AuditAction;
  throw new Error(`Audit action ${action} of case type ${definition.type} has no text in any catalogue`);
}
