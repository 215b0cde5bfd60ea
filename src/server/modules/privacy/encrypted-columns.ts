import type { EncryptedColumn } from '../../lib/encrypted-columns.ts';
import { accountErasures } from './db.ts';

/** The encrypted columns of the privacy module, for the registry key rotation walks. */
export const PRIVACY_ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  {
    name: 'account_erasures.identity_envelope',
    table: accountErasures,
    column: accountErasures.identityEnvelope,
    primaryKey: accountErasures.id,
  },
];
