import type { SavedResult, SharedZelfscanResponse } from '../../../shared/zelfscan-api.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { type AccessRules, authorize } from '../../lib/policy.ts';
import { loadCase, relationsTo, requireCaseAccess, subjectOf } from '../cases/access.ts';
import type { CaseDeps } from '../cases/context.ts';
import { auditRead } from '../cases/service.ts';

/**
 * The seam to the zelfscan module: a support request may point at the requester's own latest saved
 * zelfscan result, by id. The case stores only that reference (never a copy) and the requester can
 * withdraw it, after which nobody on the case sees it any more.
 *
 * The default provider knows no results, so any id is refused with 400 `zelfscan_result_not_found`.
 * The zelfscan module passes its own provider to supportModule.
 */
export interface ZelfscanResultProvider {
  /** True when the result exists and belongs to this person. */
  ownedBy(resultId: string, personId: string): Promise<boolean>;
  /**
   * The result evaluated (lights, tips, the action plan's state; never the answers), or null when it
   * no longer exists or is not this person's. Decrypted by the zelfscan module, in the caller's transaction.
   */
  shared(db: DbOrTx, resultId: string, ownerId: string): Promise<SavedResult | null>;
}

export const noZelfscanResults: ZelfscanResultProvider = {
  ownedBy: async () => false,
  shared: async () => null,
};

/**
 * Who sees a shared result: whoever may read the case's intake (the case policy: requester, assigned
 * confidant, OT coordinator, a grantee with the `intake` scope) and, of those, not a grantee. The
 * requester shared it "with my confidant" (the request form's words), and no grant scope names it, so
 * a peer or expert let in never sees it.
 */
const SHARED_ZELFSCAN_RULES: AccessRules<'read'> = { read: { relations: ['owner', 'assigned', 'coordinator'] } };

/** GET /api/cases/:caseId/support/zelfscan. A read by anyone but the requester is audited, in the same transaction. */
export async function readSharedZelfscan(
  deps: CaseDeps,
  ctx: ServiceContext,
  caseId: string,
  provider: ZelfscanResultProvider,
): Promise<SharedZelfscanResponse> {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId);
    requireCaseAccess(actor, loaded, 'read_intake', now);
    authorize(actor, 'read', subjectOf(loaded), SHARED_ZELFSCAN_RULES);
    const { row } = loaded;
    if (row.type !== 'support') throw notFound();
    const result =
      row.zelfscanResultId && row.zelfscanSharedAt && row.requesterId
        ? await provider.shared(tx, row.zelfscanResultId, row.requesterId)
        : null;
    if (!result || !row.zelfscanSharedAt) {
      // Not shared (or withdrawn): the requester learns that; anyone else gets the same 404 as ever.
      if (relationsTo(actor, loaded).has('owner')) return { shared: null };
      throw notFound();
    }
    await auditRead(tx, ctx, row, 'support.zelfscan_read');
    return { shared: { sharedAt: row.zelfscanSharedAt.toISOString(), result } };
  });
}
