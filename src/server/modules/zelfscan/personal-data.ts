import { asc, eq } from 'drizzle-orm';
import { SHIPPED_QUESTIONNAIRE } from '../../../shared/zelfscan/shipped.ts';
import type { JsonRecord, PersonalDataContribution } from '../../lib/personal-data.ts';
import { zelfscanResults } from './db.ts';
import { toSavedResult, zelfscanAad } from './service.ts';

/** Saved zelfscan results: the answers as given, the evaluation (lights, tips) and the action plan. */
export const ZELFSCAN_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'zelfscan_results',
      tables: ['zelfscan_results'],
      async export({ db, personId, keyring }) {
        const rows = await db
          .select()
          .from(zelfscanResults)
          .where(eq(zelfscanResults.personId, personId))
          .orderBy(asc(zelfscanResults.createdAt));
        return {
          records: rows.map((row) => {
            const result = toSavedResult(row, { keyring, questionnaire: SHIPPED_QUESTIONNAIRE });
            const answers = JSON.parse(
              keyring.decryptString(row.answersEnvelope, zelfscanAad.answers(row.id)),
            ) as JsonRecord;
            return {
              ...(JSON.parse(JSON.stringify(result)) as JsonRecord),
              answers,
              updatedAt: row.updatedAt.toISOString(),
            };
          }),
        };
      },
    },
  ],
  erasure: [
    {
      name: 'zelfscan_results',
      async run(w, personId) {
        const removed = await w.tx
          .delete(zelfscanResults)
          .where(eq(zelfscanResults.personId, personId))
          .returning({ id: zelfscanResults.id });
        return { counts: { zelfscanResults: removed.length } };
      },
    },
  ],
  retention: [
    {
      category: 'zelfscan_results',
      tables: ['zelfscan_results'],
      keepDays: null,
      startsAt: '—',
      reason:
        'The person keeps a result to compare with the next scan; they delete it (or their account) when they choose.',
      enforcedBy: 'the owner (delete a result, or the account)',
    },
  ],
};
