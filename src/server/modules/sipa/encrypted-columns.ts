import { sipaCases } from './db.ts';

/** The encrypted columns of the SIPA type's own table, for key rotation (src/server/lib/encrypted-columns.ts). */
export const SIPA_ENCRYPTED_COLUMNS = [
  {
    name: 'sipa_cases.advice_envelope',
    table: sipaCases,
    column: sipaCases.adviceEnvelope,
    primaryKey: sipaCases.caseId,
  },
  {
    name: 'sipa_cases.intake_message_envelope',
    table: sipaCases,
    column: sipaCases.intakeMessageEnvelope,
    primaryKey: sipaCases.caseId,
  },
] as const;
