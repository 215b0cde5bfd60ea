import type { GrantScope } from '../../../shared/cases.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { insertGrant, updateGrant } from './content-repository.ts';
import type { caseGrants } from './db.ts';
import type { CaseCore } from './facade.ts';
import type { CaseTypeDefinition } from './registry.ts';
import { holdsRole } from './repository.ts';

/** Peers and experts let in by the requester: proposed by the assigned staff member, decided by the requester. */

/** `summary` is always part of a grant; only scopes the type offers. */
function normaliseScopes(definition: CaseTypeDefinition, scopes: readonly GrantScope[]): GrantScope[] {
  const wanted = new Set<GrantScope>(['summary', ...scopes]);
  return definition.grantScopes.filter((scope) => wanted.has(scope));
}

export function proposeGrant(
  core: CaseCore,
  ctx: ServiceContext,
  caseId: string,
  input: { personId: string; scopes: GrantScope[] },
) {
  return core.withCase(ctx, caseId, 'propose_grant', async (c) => {
    const { row, definition } = c.state;
    if (definition.grantableRoles.length === 0) throw conflict('case_state', 'This kind of case cannot be shared.');
    // The grant's kind is the grantable role the person holds (peer before expert, as the type lists them).
    const held = await holdsRole(c.tx, input.personId, definition.grantableRoles);
    const kind = definition.grantableRoles.find((role) => held.includes(role));
    const involved = input.personId === row.requesterId || c.state.assignees.some((a) => a.personId === input.personId);
    if (!kind || involved) throw badRequest('grantee_not_eligible', 'This person cannot be brought in.');
    const open = c.state.grants.find((g) => g.personId === input.personId && !g.revokedAt && !g.declinedAt);
    if (open) throw conflict('grant_exists', 'This person has already been proposed or let in.');
    const scopes = normaliseScopes(definition, input.scopes);
    const grantId = await insertGrant(c.tx, {
      caseId,
      personId: input.personId,
      kind,
      scopes,
      proposedBy: c.actor?.personId,
      proposedAt: c.now,
    });
    await c.event('grant_proposed', 'requester', { details: { kind, scopes: scopes.join(',') } });
    await c.audit('case.grant_proposed', { grantee: input.personId, scopes: scopes.join(',') });
    await c.notifyRequester('grant_proposed');
    return { id: grantId, status: row.status };
  });
}

type GrantDecision = 'consent' | 'decline' | 'revoke';

/** The timeline event and the audit action of each decision (string literals, for the audit catalogue). */
const DECIDED = {
  consent: { event: 'grant_consented', audit: 'case.grant_consented' },
  decline: { event: 'grant_declined', audit: 'case.grant_declined' },
  revoke: { event: 'grant_revoked', audit: 'case.grant_revoked' },
} as const;

/**
 * The requester consents (to the proposed scopes or fewer), declines, or revokes; assigned staff may
 * revoke too. Access follows the grant row on the very next request: nothing is cached.
 */
export function decideGrant(
  core: CaseCore,
  ctx: ServiceContext,
  caseId: string,
  grantId: string,
  decision: GrantDecision,
  scopes?: GrantScope[],
) {
  return core.withCase(ctx, caseId, 'manage_grants', async (c) => {
    const grant = c.state.grants.find((g) => g.id === grantId);
    if (!grant) throw notFound();
    if (decision !== 'revoke' && !c.relations.has('owner')) throw notFound();
    const proposed = !grant.consentedAt && !grant.declinedAt && !grant.revokedAt;
    const active = Boolean(grant.consentedAt) && !grant.revokedAt;
    if ((decision === 'revoke' && !(proposed || active)) || (decision !== 'revoke' && !proposed)) {
      throw conflict('grant_state', 'This permission cannot be changed like that any more.');
    }
    let patch: Partial<typeof caseGrants.$inferInsert>;
    if (decision === 'consent') {
      const offered = new Set(grant.scopes);
      const chosen = normaliseScopes(c.state.definition, scopes ?? (grant.scopes as GrantScope[]));
      if (chosen.some((scope) => !offered.has(scope))) {
        throw badRequest('scope_not_proposed', 'You can only share what was asked for, or less.');
      }
      patch = { consentedAt: c.now, scopes: chosen };
    } else if (decision === 'decline') {
      patch = { declinedAt: c.now };
    } else {
      patch = { revokedAt: c.now, revokedBy: c.actor?.personId };
    }
    await updateGrant(c.tx, grantId, patch);
    await c.event(DECIDED[decision].event, 'requester');
    await c.audit(DECIDED[decision].audit, { grantee: grant.personId });
    await c.notify([grant.personId, ...c.state.assignees.map((a) => a.personId)], 'grant_changed');
    return { id: grantId, status: c.row.status };
  });
}
