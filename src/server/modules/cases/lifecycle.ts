import type { Urgency } from '../../../shared/cases.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest } from '../../lib/errors.ts';
import { clockOf, targetOf } from './clock.ts';
import { caseAad } from './crypto.ts';
import type { CaseCore } from './facade.ts';
import { endAssignments } from './repository.ts';
import { resumeClock, retargetClock } from './sla.ts';
import { transitionNotAllowed } from './work.ts';

/** A case's course: its status, urgency, closing, reopening and the requester's feedback. */

const DAY_MS = 24 * 60 * 60 * 1000;

export function changeStatus(core: CaseCore, ctx: ServiceContext, caseId: string, to: string) {
  return core.withCase(ctx, caseId, 'change_status', async (c) => {
    const from = c.row.status;
    await c.transition({ to, via: 'status' });
    await c.audit('case.status_changed', { from, to });
    await c.notify(c.otherSide(), 'case_update');
    return c.result();
  });
}

export function changeUrgency(core: CaseCore, ctx: ServiceContext, caseId: string, urgency: Urgency) {
  return core.withCase(ctx, caseId, 'change_urgency', async (c) => {
    const { row, definition } = c.state;
    if (row.urgency === urgency) return c.result();
    const clock = retargetClock(
      core.deps.calendar,
      targetOf(definition, row.urgency),
      targetOf(definition, urgency),
      clockOf(row),
      c.now,
    );
    await c.update({ ...clock, urgency, reminderSentAt: null, escalatedAt: null });
    await c.event('urgency_changed', 'staff', { details: { from: row.urgency, to: urgency } });
    await c.audit('case.urgency_changed', { from: row.urgency, to: urgency });
    c.scheduleSlaCheck();
    return c.result();
  });
}

/** Closing with an outcome of the type; the requester may only withdraw (the type's requester outcome). */
export function closeCase(core: CaseCore, ctx: ServiceContext, caseId: string, outcome: string) {
  return core.withCase(ctx, caseId, 'close', async (c) => {
    const { row, definition } = c.state;
    const asStaff = c.relations.has('assigned') || c.relations.has('coordinator');
    if (!definition.outcomes.includes(outcome) || (!asStaff && outcome !== definition.requesterOutcome)) {
      throw badRequest('outcome_not_allowed', 'This outcome is not available for this case.');
    }
    const audience = c.otherSide();
    const closing = await definition.hooks?.onClose?.(c.hookInput());
    if (closing?.endAssignments) await endAssignments(c.tx, caseId, c.now);
    let clock = clockOf(row);
    if (clock.pausedSince) clock = resumeClock(core.deps.calendar, targetOf(definition, row.urgency), clock, c.now);
    const { settings } = definition;
    await c.transition({
      to: definition.closedStatus,
      via: 'close',
      patch: {
        ...clock,
        slaRunningSince: null,
        firstResponseDueAt: null,
        closedAt: c.now,
        firstClosedAt: row.firstClosedAt ?? c.now,
        outcome,
        reopenUntil: new Date(c.now.getTime() + settings.reopenDays * DAY_MS),
        retainUntil: new Date(c.now.getTime() + settings.retentionDays * DAY_MS),
      },
      event: { kind: 'closed', visibility: 'requester', details: { outcome } },
    });
    await c.audit('case.closed', { outcome });
    await c.notify(audience, 'case_update');
    return c.result();
  });
}

/** The requester reopens within the type's window: back to whoever helped, or to the queue. */
export function reopenCase(core: CaseCore, ctx: ServiceContext, caseId: string) {
  return core.withCase(ctx, caseId, 'reopen', async (c) => {
    const { definition } = c.state;
    const candidates = definition.transitions.filter((t) => t.via === 'reopen' && t.from.includes(c.row.status));
    const withStaff = c.state.assignees.length > 0;
    const to = (
      candidates.find((t) => (withStaff ? t.to !== definition.initialStatus : t.to === definition.initialStatus)) ??
      candidates[0]
    )?.to;
    if (!to) throw transitionNotAllowed();
    await definition.hooks?.onReopen?.(c.hookInput());
    await c.transition({
      to,
      via: 'reopen',
      patch: { closedAt: null, outcome: null, reopenUntil: null, retainUntil: null },
      event: { kind: 'reopened', visibility: 'requester' },
    });
    await c.audit('case.reopened');
    if (withStaff)
      await c.notify(
        c.state.assignees.map((a) => a.personId),
        'case_update',
      );
    else await c.notify(await c.queueAudience(), 'case_new_in_queue');
    return c.result();
  });
}

export function giveFeedback(
  core: CaseCore,
  ctx: ServiceContext,
  caseId: string,
  feedback: { rating: number; body?: string | undefined },
) {
  return core.withCase(ctx, caseId, 'give_feedback', async (c) => {
    const body = feedback.body?.trim();
    await c.update({
      feedbackRating: feedback.rating,
      feedbackEnvelope: body ? core.keyring.encrypt(body, caseAad.feedback(caseId)) : null,
      feedbackAt: c.now,
    });
    await c.event('feedback_given', 'staff', { details: { rating: feedback.rating } });
    await c.audit('case.feedback_given');
    return c.result();
  });
}
