import { supportCases } from './db.ts';

/** The encrypted columns of the support type's own table, for key rotation (src/server/lib/encrypted-columns.ts). */
export const SUPPORT_ENCRYPTED_COLUMNS = [
  {
    name: 'support_cases.advice_envelope',
    table: supportCases,
    column: supportCases.adviceEnvelope,
    primaryKey: supportCases.caseId,
  },
] as const;
