import { randomUUID } from 'node:crypto';
import type { Urgency } from '../../../shared/cases.ts';
import type { Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { targetOf } from './clock.ts';
import type { CaseDeps } from './context.ts';
import { caseAad } from './crypto.ts';
import { enforceRequestLimit } from './limits.ts';
import { newCaseReference } from './reference.ts';
import type { CaseTypeDefinition } from './registry.ts';
import { insertCase, insertEvent, loadCase } from './repository.ts';
import { startClock } from './sla.ts';
import type { CaseRow } from './types.ts';
import { CaseWork } from './work.ts';

/** What every new case has; the type's own part goes to its tables through `writeTypeData`. */
export interface NewCase {
  requesterId: string;
  urgency: Urgency;
  /** Office type and region of the person it is about: routing and statistics. */
  officeType: string | null;
  region: string | null;
  /** What the requester said (the type's shape), stored encrypted. */
  intake: unknown;
  /** The person it is about, if any: stored apart from the intake and shown to fewer people. */
  personConcerned?: unknown;
}

/** Writes the type's own row(s) of a new case, in its creating transaction. */
export type WriteTypeData = (tx: Tx, caseId: string, now: Date) => Promise<void>;

/**
 * Creates a case of a registered type (the type module validated the intake): under the request limit,
 * with a fresh reference, its clock started, the type's data written, on the timeline and in the audit
 * trail; the queue hears of it, and its first service-target check is asked for, after the commit.
 */
export async function createCase(
  deps: CaseDeps,
  ctx: ServiceContext,
  definition: CaseTypeDefinition,
  input: NewCase,
  writeTypeData?: WriteTypeData,
): Promise<{ id: string; reference: string }> {
  if (!ctx.actor) throw notFound();
  return deps.uow.run(ctx, async (w) => {
    await enforceRequestLimit(w.tx, definition, input.requesterId, w.now);
    const id = randomUUID();
    const clock = startClock(deps.calendar, targetOf(definition, input.urgency), w.now);
    let row: CaseRow | undefined;
    for (let attempt = 0; attempt < 5 && !row; attempt++) {
      row = await insertCase(w.tx, {
        id,
        reference: newCaseReference(),
        type: definition.type,
        requesterId: input.requesterId,
        status: definition.initialStatus,
        urgency: input.urgency,
        officeType: input.officeType,
        region: input.region,
        intakeEnvelope: deps.keyring.encrypt(JSON.stringify(input.intake), caseAad.intake(id)),
        personConcernedEnvelope:
          input.personConcerned != null
            ? deps.keyring.encrypt(JSON.stringify(input.personConcerned), caseAad.personConcerned(id))
            : null,
        createdAt: w.now,
        updatedAt: w.now,
        ...clock,
      });
    }
    if (!row?.reference) throw new Error('Could not draw a unique case reference');
    await writeTypeData?.(w.tx, id, w.now);
    await insertEvent(w.tx, id, {
      kind: 'created',
      actorId: input.requesterId,
      visibility: 'requester',
      toStatus: definition.initialStatus,
      details: { urgency: input.urgency },
      at: w.now,
    });
    const state = await loadCase(w.tx, deps.registry, id);
    if (!state) throw new Error(`Case type ${definition.type} wrote no data for a new case`);
    const c = new CaseWork(deps, w, state);
    await c.audit('case.created', { type: definition.type, urgency: input.urgency });
    await c.notify(await c.queueAudience(), 'case_new_in_queue');
    c.scheduleSlaCheck();
    return { id, reference: row.reference };
  });
}
