import { woningscanCases, woningscanMeasures } from './db.ts';

/** The encrypted columns of the woningscan type's own tables, for key rotation (src/server/encrypted-columns.ts). */
export const WONINGSCAN_ENCRYPTED_COLUMNS = [
  {
    name: 'woningscan_cases.address_envelope',
    table: woningscanCases,
    column: woningscanCases.addressEnvelope,
    primaryKey: woningscanCases.caseId,
  },
  {
    name: 'woningscan_cases.advice_envelope',
    table: woningscanCases,
    column: woningscanCases.adviceEnvelope,
    primaryKey: woningscanCases.caseId,
  },
  {
    name: 'woningscan_measures.description_envelope',
    table: woningscanMeasures,
    column: woningscanMeasures.descriptionEnvelope,
    primaryKey: woningscanMeasures.id,
  },
] as const;
