import {
  INCIDENT_PATH_STEPS,
  type IncidentPath,
  type IncidentPathState,
  type IncidentPathStep,
} from '../../../shared/incident-path.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { type IncidentDeps, loadIncident, requireActor } from './access.ts';

/** What a step's module knows about one incident: how far the person got, and since when. */
export interface IncidentStepProgress {
  state: IncidentPathState;
  /** When the step last moved; null while it is `todo`. */
  since: Date | null;
}

/**
 * One step of an incident's path, registered by the module that does it (`app.incidents.path.register`).
 * `progress` runs after the incident's owner check, inside the same read: it must read only the step's own
 * records of this incident and this owner, and say nothing but the state (no facts, no amounts).
 */
export interface IncidentPathStepProvider {
  step: IncidentPathStep;
  progress(db: DbOrTx, incident: { id: string; ownerId: string }): Promise<IncidentStepProgress>;
}

/** The registry the incident module owns: which modules add a step to an incident's path. */
export class IncidentPathRegistry {
  readonly #providers = new Map<IncidentPathStep, IncidentPathStepProvider>();

  register(provider: IncidentPathStepProvider): void {
    if (this.#providers.has(provider.step)) throw new Error(`Incident path step ${provider.step} is registered twice`);
    this.#providers.set(provider.step, provider);
  }

  /** The registered steps in path order (not registration order). */
  providers(): IncidentPathStepProvider[] {
    return INCIDENT_PATH_STEPS.flatMap((step) => this.#providers.get(step) ?? []);
  }
}

/** My incident's path: every registered step's state, and the first one not done. The owner's alone. */
export async function getIncidentPath(deps: IncidentDeps, ctx: ServiceContext, id: string): Promise<IncidentPath> {
  const actor = requireActor(ctx);
  const db = deps.uow.db;
  const row = await loadIncident(db, actor, id, 'read');
  const incident = { id: row.id, ownerId: row.ownerId };
  const steps = await Promise.all(
    deps.path.providers().map(async (provider) => {
      const { state, since } = await provider.progress(db, incident);
      return { step: provider.step, state, since: since ? since.toISOString() : null };
    }),
  );
  return { steps, next: steps.find((step) => step.state !== 'done')?.step ?? null };
}
