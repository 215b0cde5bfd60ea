import type { EncryptedColumn } from '../../lib/encrypted-columns.ts';
import { totpCredentials } from './db.ts';

/** The encrypted columns of the auth module (the TOTP secrets), for the registry key rotation walks. */
export const AUTH_ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  {
    name: 'totp_credentials.secret_envelope',
    table: totpCredentials,
    column: totpCredentials.secretEnvelope,
    primaryKey: totpCredentials.personId,
  },
];
