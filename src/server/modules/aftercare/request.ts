import type { AftercareRequest } from '../../../shared/aftercare.ts';
import type { SupportRequest } from '../../../shared/support.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, unauthorized } from '../../lib/errors.ts';
import { requestPlan } from './plan-service.ts';
import type { AftercareDeps } from './records.ts';

/** Opens a support request for the person (the support module's own service, with its limit and routing). */
export interface AftercareRequester {
  openSupportCase(ctx: ServiceContext, request: SupportRequest): Promise<{ caseId: string }>;
}

/**
 * The person asks for aftercare. On a support case of their own (`caseId`), the plan waits there as
 * `requested` and the assigned confidant is told. Without one, a support request is opened for them
 * first — situation `other`, their contact choice, no text — so it reaches the team's queue and is
 * routed like any request; the plan waits on it. These are two units of work: should the second fail,
 * the person has a support request (an ask for help in itself), and asking again attaches the plan to
 * it (the request answers with the existing plan, never a second one).
 */
export async function requestAftercare(
  deps: AftercareDeps,
  requester: AftercareRequester,
  ctx: ServiceContext,
  body: AftercareRequest,
) {
  if (!ctx.actor) throw unauthorized();
  let caseId = body.caseId;
  if (!caseId) {
    const contact = body.contact;
    if (!contact) {
      throw badRequest('validation_failed', 'How the team can reach you.', [
        { field: 'body/contact', message: 'how the team can reach you', code: 'validation_failed' },
      ]);
    }
    const opened = await requester.openSupportCase(ctx, {
      concernFor: 'self',
      situation: ['other'],
      since: 'this_month',
      acuteDanger: false,
      affected: ['me'],
      contact,
    });
    caseId = opened.caseId;
  }
  return requestPlan(deps, ctx, { caseId, ...(body.incidentId ? { incidentId: body.incidentId } : {}) });
}
