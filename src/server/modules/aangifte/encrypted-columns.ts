import { aangiftePoliceReports, aangiftePreparations } from './db.ts';

/** The aangifte aid's encrypted columns, spread into the key-rotation registry. */
export const AANGIFTE_ENCRYPTED_COLUMNS = [
  {
    name: 'aangifte_preparations.choices_envelope',
    table: aangiftePreparations,
    column: aangiftePreparations.choicesEnvelope,
    primaryKey: aangiftePreparations.incidentId,
  },
  {
    name: 'aangifte_police_reports.report_envelope',
    table: aangiftePoliceReports,
    column: aangiftePoliceReports.reportEnvelope,
    primaryKey: aangiftePoliceReports.id,
  },
] as const;
