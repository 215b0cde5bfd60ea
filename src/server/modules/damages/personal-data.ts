import { asc, eq } from 'drizzle-orm';
import type { JsonRecord, PersonalDataContribution } from '../../lib/personal-data.ts';
import type { DamagesDeps } from './access.ts';
import { presentClaim } from './claims-service.ts';
import { damageClaims } from './db.ts';

/**
 * Damage claims in the person's export (each as the owner reads it: heads, note, deadlines and whether
 * each was reminded); removed with the account (and with their incident).
 */
export function damagesPersonalData(deps: DamagesDeps): PersonalDataContribution {
  return {
    sources: [
      {
        key: 'damage_claims',
        tables: ['damage_claims', 'damage_deadlines'],
        async export({ db, personId }) {
          const rows = await db
            .select()
            .from(damageClaims)
            .where(eq(damageClaims.ownerId, personId))
            .orderBy(asc(damageClaims.createdAt));
          const records: JsonRecord[] = [];
          for (const row of rows) {
            records.push(JSON.parse(JSON.stringify(await presentClaim(deps, db, row))) as JsonRecord);
          }
          return { records };
        },
      },
    ],
    exclusions: [
      {
        table: 'damage_rule_revisions',
        reason:
          'Public Schadefonds rules; the admin who edited a revision is a work record (the link is emptied when their account is deleted), not data about a person using Weerbaar.',
      },
    ],
    erasure: [
      {
        name: 'damage_claims',
        async run(w, personId) {
          const removed = await w.tx
            .delete(damageClaims)
            .where(eq(damageClaims.ownerId, personId))
            .returning({ id: damageClaims.id });
          return { counts: { damageClaims: removed.length } };
        },
      },
    ],
    retention: [
      {
        category: 'damage_claims',
        tables: ['damage_claims', 'damage_deadlines'],
        keepDays: null,
        startsAt: '—',
        reason:
          'The person’s own preparation of a claim that may run for years (a criminal case, the fund’s term); removed with its incident, or when they delete it or their account.',
        enforcedBy: 'the owner (delete a claim, its incident, or the account)',
      },
    ],
  };
}
