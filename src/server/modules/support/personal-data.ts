import { asc, eq } from 'drizzle-orm';
import { isoOrNull, type PersonalDataContribution } from '../../lib/personal-data.ts';
import { caseIncidentShares } from './db.ts';

/** Incidents the person shared with a support request, by consent: which parts and files, and when. */
export const SUPPORT_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'incident_shares',
      tables: ['case_incident_shares'],
      async export({ db, personId }) {
        const rows = await db
          .select()
          .from(caseIncidentShares)
          .where(eq(caseIncidentShares.ownerId, personId))
          .orderBy(asc(caseIncidentShares.consentedAt));
        return {
          records: rows.map((row) => ({
            caseId: row.caseId,
            incidentId: row.incidentId,
            fields: row.fields,
            evidenceIds: row.evidenceIds,
            consentedAt: row.consentedAt.toISOString(),
            revokedAt: isoOrNull(row.revokedAt),
          })),
        };
      },
    },
  ],
  retention: [
    {
      category: 'case_incident_shares',
      tables: ['case_incident_shares'],
      keepDays: null,
      startsAt: '—',
      reason:
        'A consent record lives with its case: withdrawn by the person at any time, emptied when the case content is destroyed, gone with the case.',
      enforcedBy: 'the person (withdraw), cases.retention (with the case)',
    },
  ],
};
