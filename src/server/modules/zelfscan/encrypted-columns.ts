import type { EncryptedColumn } from '../../lib/encrypted-columns.ts';
import { zelfscanResults } from './db.ts';

/** The encrypted columns of the zelfscan module, for the registry key rotation walks. */
export const ZELFSCAN_ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
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
];
