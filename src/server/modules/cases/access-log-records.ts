import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { type RecordName, type RecordNamer, type RecordRef, recordKey } from '../audit/records.ts';
import { cases } from './db.ts';
import type { CaseTypeRegistry } from './registry.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Names the cases in a person's access log: every case type audits under its own record type with the
 * case id, and the person reads it by the case's reference and type ("Ondersteuning K7QM-3XWD"). The
 * entries are about the person (the case's requester), so the reference is theirs already. A case
 * erased after its retention keeps no reference; its entries show without one.
 */
export function caseRecordNamer(registry: CaseTypeRegistry): RecordNamer {
  return async (db: DbOrTx, refs: readonly RecordRef[]) => {
    const recordTypes = new Map(registry.all().map((definition) => [definition.recordType, definition.type]));
    const ids = [...new Set(refs.filter((ref) => recordTypes.has(ref.type) && UUID.test(ref.id)).map((r) => r.id))];
    const names = new Map<string, RecordName>();
    if (ids.length === 0) return names;
    const rows = await db
      .select({ id: cases.id, reference: cases.reference, type: cases.type })
      .from(cases)
      .where(inArray(cases.id, ids));
    for (const row of rows) {
      if (!row.reference) continue;
      const recordType = registry.has(row.type) ? registry.get(row.type).recordType : null;
      if (recordType)
        names.set(recordKey({ type: recordType, id: row.id }), { reference: row.reference, kind: row.type });
    }
    return names;
  };
}
