import type { SavedResult, SharedZelfscanResponse } from '../../../shared/zelfscan-api.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import type { SupportCases } from './service.ts';

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
 * GET /api/cases/:caseId/support/zelfscan: who may is the type's `read_zelfscan` (requester, assigned
 * confidant, OT coordinator; never a grantee). A read by anyone but the requester is audited, in the
 * same transaction.
 */
export function readSharedZelfscan(
  cases: SupportCases,
  ctx: ServiceContext,
  caseId: string,
  provider: ZelfscanResultProvider,
): Promise<SharedZelfscanResponse> {
  return cases.readCase(ctx, caseId, 'read_zelfscan', async (c) => {
    const { row, data } = c.state;
    const result =
      data.zelfscanResultId && data.zelfscanSharedAt && row.requesterId
        ? await provider.shared(c.tx, data.zelfscanResultId, row.requesterId)
        : null;
    if (!result || !data.zelfscanSharedAt) {
      // Not shared (or withdrawn): the requester learns that; anyone else gets the same 404 as ever.
      if (c.relations.has('owner')) return { shared: null };
      throw notFound();
    }
    await c.auditRead('support.zelfscan_read');
    return { shared: { sharedAt: data.zelfscanSharedAt.toISOString(), result } };
  });
}
