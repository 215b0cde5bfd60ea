import type { ServiceContext } from '../../lib/context.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { notFound } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { requireCaseAccess } from './access.ts';
import type { CaseDeps } from './context.ts';
import { createCase, type NewCase, type WriteTypeData } from './create.ts';
import type { CaseTypeDefinition, CaseTypeRegistry, CaseTypeSettings } from './registry.ts';
import { loadCase } from './repository.ts';
import { DAY_MS } from './sla.ts';
import type { CaseState } from './types.ts';
import { CaseWork } from './work.ts';

/**
 * The case core's published façade: what a case type (its services and routes) uses, and all it may use.
 *
 *   const support = app.cases.registerType(supportCaseType, { settings });
 *   support.withCase(ctx, caseId, 'record_advice', async (c) => { … c.transition(…); c.audit(…) });
 *
 * `withCase` is the one way into a case: load it, lock it, authorize the action (the type's rules and
 * state checks included), run the work in the one unit of work, and deliver its effects (mail, service-
 * target checks) after the commit. Types never touch the core's tables or internals.
 */
export class CaseCore {
  readonly deps: CaseDeps;

  constructor(deps: CaseDeps) {
    this.deps = deps;
  }

  get registry(): CaseTypeRegistry {
    return this.deps.registry;
  }

  get keyring(): Keyring {
    return this.deps.keyring;
  }

  /** Registers a case type and returns its handle: the façade bound to that type. */
  registerType<TData>(
    definition: CaseTypeDefinition<TData>,
    options: { settings?: Partial<CaseTypeSettings> } = {},
  ): CaseTypeHandle<TData> {
    return new CaseTypeHandle(this, this.deps.registry.register(definition, options));
  }

  /** The handle of a registered type (for callers outside the type module: the demo, tests). */
  of<TData>(definition: CaseTypeDefinition<TData>): CaseTypeHandle<TData> {
    return new CaseTypeHandle(this, this.deps.registry.get(definition.type) as CaseTypeDefinition<TData>);
  }

  /**
   * Runs `fn` on a case the caller may do `action` to: loaded, locked, authorized, in one unit of work.
   * With `type`, a case of another type answers 404 (as if it did not exist).
   */
  withCase<T>(
    ctx: ServiceContext,
    caseId: string,
    action: string,
    fn: (c: CaseWork) => Promise<T>,
    options: { type?: string } = {},
  ): Promise<T> {
    return this.openCase(ctx, caseId, { lock: true, ...options }, async (c) => {
      requireCaseAccess(c.actor, c.state, action, c.now);
      return fn(c);
    });
  }

  /** Like withCase for reads: no lock (the unit still holds the audit rows of what was read). */
  readCase<T>(
    ctx: ServiceContext,
    caseId: string,
    action: string,
    fn: (c: CaseWork) => Promise<T>,
    options: { type?: string } = {},
  ): Promise<T> {
    return this.openCase(ctx, caseId, { lock: false, ...options }, async (c) => {
      requireCaseAccess(c.actor, c.state, action, c.now);
      return fn(c);
    });
  }

  /**
   * The case loaded (and locked) in a unit of work, without an authorization decision: for the core's
   * own actions that decide differently (taking from the queue). Not part of what types use.
   */
  openCase<T>(
    ctx: ServiceContext,
    caseId: string,
    options: { lock: boolean; type?: string },
    fn: (c: CaseWork) => Promise<T>,
  ): Promise<T> {
    if (!ctx.actor) throw notFound();
    return this.deps.uow.run(ctx, async (w) => {
      const state = await loadCase(w.tx, this.deps.registry, caseId, { forUpdate: options.lock });
      if (!state || (options.type && state.row.type !== options.type)) throw notFound();
      return fn(new CaseWork(this.deps, w, state));
    });
  }

  /** The work on a case already loaded in a unit of work (the jobs, which act without a person). */
  workOn(w: Work, state: CaseState): CaseWork {
    return new CaseWork(this.deps, w, state);
  }
}

/** The façade bound to one case type: only its cases, its data typed. */
export class CaseTypeHandle<TData> {
  private readonly core: CaseCore;
  readonly definition: CaseTypeDefinition<TData>;

  constructor(core: CaseCore, definition: CaseTypeDefinition<TData>) {
    this.core = core;
    this.definition = definition;
  }

  get keyring(): Keyring {
    return this.core.keyring;
  }

  /** Reads that belong to no case (e.g. the requester's profile before creating one). */
  get db() {
    return this.core.deps.uow.db;
  }

  /**
   * Creates a case of this type for the requester in `ctx` (after the type validated its intake);
   * `writeTypeData` writes the type's own row(s) in the same transaction.
   */
  create(
    ctx: ServiceContext,
    input: NewCase,
    writeTypeData?: WriteTypeData,
  ): Promise<{ id: string; reference: string }> {
    return createCase(this.core.deps, ctx, this.definition as CaseTypeDefinition, input, writeTypeData);
  }

  /**
   * The moment `days` working days after `from`, on the core's working calendar (weekends and Dutch
   * public holidays off): for a type's own targets in working days, counted like the core's.
   */
  workingDaysAfter(from: Date, days: number): Date {
    return this.core.deps.calendar.addWorkingTime(from, days * DAY_MS);
  }

  /** withCase, for this type's cases only (any other case answers 404, as if it did not exist). */
  withCase<T>(ctx: ServiceContext, caseId: string, action: string, fn: (c: CaseWork<TData>) => Promise<T>): Promise<T> {
    return this.core.withCase(ctx, caseId, action, (c) => fn(c as CaseWork<TData>), { type: this.definition.type });
  }

  /** readCase, for this type's cases only. */
  readCase<T>(ctx: ServiceContext, caseId: string, action: string, fn: (c: CaseWork<TData>) => Promise<T>): Promise<T> {
    return this.core.readCase(ctx, caseId, action, (c) => fn(c as CaseWork<TData>), { type: this.definition.type });
  }
}

export type { NewCase, WriteTypeData } from './create.ts';
export { caseFieldAad } from './crypto.ts';
export type {
  CaseActionRefusal,
  CaseTypeData,
  CaseTypeDefinition,
  CaseTypeHooks,
  CaseTypeSettings,
  HookInput,
  PresentInput,
  Transition,
  TypeAction,
} from './registry.ts';
export { hasTransition } from './registry.ts';
export { caseSettingsFrom } from './settings.ts';
export { caseTypeKey } from './type-table.ts';
export type { CaseState, StaffProfile } from './types.ts';
export type { CaseWork, TransitionOptions } from './work.ts';
