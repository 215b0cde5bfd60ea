import { aliasedTable, and, asc, desc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { AuditAction } from '../../../shared/catalogue/index.ts';
import type { AccessLogEntry } from '../../../shared/session.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { people } from '../people/db.ts';
import { type ChainBreak, ChainVerifier, GENESIS_HASH, hashRow } from './chain.ts';
import { auditLog } from './db.ts';
import { type AccessLogRecords, type RecordRef, recordKey } from './records.ts';

export interface AuditEntry {
  /**
   * What happened, as `area.verb`, e.g. `session.signed_in`, `person.roles_changed`, `case.read`: one of
   * the typed catalogue's actions (src/shared/catalogue), each with the text the person reads.
   */
  action: AuditAction;
  outcome?: 'success' | 'failure' | 'denied';
  /** Whose data this is about; they see the entry under "Wie heeft mijn gegevens ingezien?". */
  subjectPersonId?: string | null;
  recordType?: string;
  recordId?: string;
  /** Plain facts only (ids, counts, codes): never names, messages, addresses or secrets. */
  details?: Record<string, string | number | boolean | null>;
  /** Overrides the actor of the context, e.g. for a failed sign-in of a known account. */
  actorPersonId?: string | null;
}

/** Any bigint works; this one only needs to differ from the migration lock. */
const AUDIT_CHAIN_LOCK = 7_365_107_433_198_411_337n;

/**
 * Appends one entry to the chain, inside the caller's transaction: if the change rolls back, so does its
 * audit entry, and a change cannot commit without it. The advisory lock serialises writers so the chain
 * stays a single line.
 */
export async function recordAudit(tx: Tx, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK.toString()}::bigint)`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const row = {
    seq: (last?.seq ?? 0) + 1,
    // Millisecond precision, as JavaScript keeps it, so the stored value hashes the same when read back.
    at: new Date(Math.floor(Date.now())),
    actorPersonId: entry.actorPersonId !== undefined ? entry.actorPersonId : (ctx.actor?.personId ?? null),
    actorRoles: ctx.actor ? [...ctx.actor.roles].sort().join(',') : '',
    action: entry.action,
    subjectPersonId: entry.subjectPersonId ?? null,
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    outcome: entry.outcome ?? 'success',
    ipHash: ctx.ipHash,
    requestId: ctx.requestId,
    details: entry.details ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...row, hash: hashRow(row) });
}

/** Audits in a transaction of its own, for events that are not part of a change (a failed sign-in). */
export async function recordAuditAlone(db: DbOrTx, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await db.transaction((tx) => recordAudit(tx, ctx, entry));
}

export interface VerifyResult {
  checked: number;
  firstBreak: ChainBreak | null;
  headHash: string;
}

/** Recomputes the whole chain, page by page, and reports the first broken link. */
export async function verifyAuditChain(db: DbOrTx, pageSize = 1000): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  let afterSeq = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, afterSeq))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of page) {
      const firstBreak = verifier.feed(row);
      if (firstBreak) return { checked: verifier.checked, firstBreak, headHash: verifier.headHash };
    }
    const last = page[page.length - 1];
    if (!last) break;
    afterSeq = last.seq;
  }
  return { checked: verifier.checked, firstBreak: null, headHash: verifier.headHash };
}

/**
 * "Wie heeft mijn gegevens ingezien?": every entry about this person made by someone else (or by
 * Weerbaar itself), newest first, each with its text from the catalogue and the record as the person
 * knows it (a case's reference, named by its module). Failed sign-in attempts on the account are
 * included: they are about the person too. Work outside any request (jobs, the first start, the demo's
 * example data, the command line) has no request id: that is Weerbaar itself, not an anonymous visitor.
 */
export async function listAccessByOthers(
  db: DbOrTx,
  records: AccessLogRecords,
  personId: string,
  limit = 500,
): Promise<AccessLogEntry[]> {
  const actor = aliasedTable(people, 'actor');
  const rows = await db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      recordType: auditLog.recordType,
      recordId: auditLog.recordId,
      actorPersonId: auditLog.actorPersonId,
      requestId: auditLog.requestId,
      actorName: actor.displayName,
      actorRoles: auditLog.actorRoles,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorPersonId))
    .where(
      and(
        eq(auditLog.subjectPersonId, personId),
        or(isNull(auditLog.actorPersonId), ne(auditLog.actorPersonId, personId)),
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(limit);
  const refs = new Map<string, RecordRef>();
  for (const row of rows) {
    if (row.recordType && row.recordId) {
      const ref = { type: row.recordType, id: row.recordId };
      refs.set(recordKey(ref), ref);
    }
  }
  const names = await records.names(db, [...refs.values()]);
  return rows.map((row) => {
    const text = records.textOf(row.action);
    const name =
      row.recordType && row.recordId ? names.get(recordKey({ type: row.recordType, id: row.recordId })) : null;
    return {
      at: row.at.toISOString(),
      action: row.action,
      description: text ? { nl: text.nl, en: text.en } : null,
      recordType: row.recordType,
      record: name ?? null,
      actorKind: row.actorPersonId ? 'person' : row.requestId ? 'anonymous' : 'system',
      actorName: row.actorName,
      actorRoles: row.actorRoles ? row.actorRoles.split(',') : [],
    };
  });
}
