import { asc, eq } from 'drizzle-orm';
import type { JsonRecord, PersonalDataContribution } from '../../lib/personal-data.ts';
import { readChoices, readReports } from './access.ts';
import { aangiftePoliceReports, aangiftePreparations } from './db.ts';

/**
 * The aangifte aid in the person's export: per incident the choices made in the aid and every report
 * recorded about the police (with the reference), decrypted. Removed with the account; the rows also go
 * with their incident.
 */
export const AANGIFTE_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'aangifte',
      tables: ['aangifte_preparations', 'aangifte_police_reports'],
      async export({ db, personId, keyring }) {
        const prepared = await db
          .select({ incidentId: aangiftePreparations.incidentId })
          .from(aangiftePreparations)
          .where(eq(aangiftePreparations.ownerId, personId));
        const reported = await db
          .select({ incidentId: aangiftePoliceReports.incidentId })
          .from(aangiftePoliceReports)
          .where(eq(aangiftePoliceReports.ownerId, personId))
          .orderBy(asc(aangiftePoliceReports.reportedOn));
        const incidentIds = [...new Set([...prepared, ...reported].map((row) => row.incidentId))];
        const records: JsonRecord[] = [];
        for (const incidentId of incidentIds) {
          const incident = { id: incidentId, ownerId: personId };
          records.push({
            incidentId,
            choices: JSON.parse(JSON.stringify(await readChoices(db, keyring, incident))) as JsonRecord,
            policeReports: JSON.parse(JSON.stringify(await readReports(db, keyring, incident))) as JsonRecord[],
          });
        }
        return { records };
      },
    },
  ],
  erasure: [
    {
      name: 'aangifte',
      async run(w, personId) {
        const reports = await w.tx
          .delete(aangiftePoliceReports)
          .where(eq(aangiftePoliceReports.ownerId, personId))
          .returning({ id: aangiftePoliceReports.id });
        const choices = await w.tx
          .delete(aangiftePreparations)
          .where(eq(aangiftePreparations.ownerId, personId))
          .returning({ id: aangiftePreparations.incidentId });
        return { counts: { aangiftePreparations: choices.length, aangiftePoliceReports: reports.length } };
      },
    },
  ],
  retention: [
    {
      category: 'aangifte',
      tables: ['aangifte_preparations', 'aangifte_police_reports'],
      keepDays: null,
      startsAt: '—',
      reason:
        'Part of the person’s own incident record (which police report, under which variant), possibly needed years later; it goes with the incident or the account.',
      enforcedBy: 'the owner (delete the incident, or the account)',
    },
  ],
};
