import { zelfscanResults } from './db.ts';

/** The encrypted columns of the zelfscan module, spread into the key-rotation registry. */
export const ZELFSCAN_ENCRYPTED_COLUMNS = [
  {
    name: 'zelfscan_results.answers_envelope',
    table: zelfscanResults,
    column: zelfscanResults.answersEnvelope,
    primaryKey: zelfscanResults.id,
  },
  {
    name: 'zelfscan_results.actions_envelope',
    table: zelfscanResults,
    column: zelfscanResults.actionsEnvelope,
    primaryKey: zelfscanResults.id,
  },
] as const;
