/**
 * The seam to the zelfscan module (built later): a support request may point at the requester's own
 * latest saved zelfscan result, by id. The case stores only that reference (never a copy) and the
 * requester can withdraw it, after which nobody on the case sees it any more.
 *
 * Until the zelfscan module saves results, the default provider knows none, so any id is refused with
 * 400 `zelfscan_result_not_found`. The zelfscan module passes its own provider to supportModule.
 */
export interface ZelfscanResultProvider {
  /** True when the result exists and belongs to this person. */
  ownedBy(resultId: string, personId: string): Promise<boolean>;
}

export const noZelfscanResults: ZelfscanResultProvider = {
  ownedBy: async () => false,
};
