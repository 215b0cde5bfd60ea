import { createHash, randomUUID } from 'node:crypto';
import { pipeline, type Readable, Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import {
  EVIDENCE_MAX_TOTAL_BYTES,
  EVIDENCE_TYPES,
  type Evidence,
  type EvidenceFields,
  type EvidenceKind,
  type EvidenceType,
  INCIDENT_LIMITS,
} from '../../../shared/incidents.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { openStream } from '../../lib/crypto/index.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { stripJpegMetadata, stripPngMetadata } from '../../lib/uploads/image-metadata.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import { type IncidentDeps, loadIncident, requireActor } from './access.ts';
import { incidentEvidence } from './db.ts';
import { evidenceAad, receiveEvidence, uploadProblem } from './evidence-intake.ts';

export const tooManyFiles = () =>
  new AppError(
    409,
    'incident_evidence_full',
    'Conflict',
    `An incident holds at most ${INCIDENT_LIMITS.evidencePerIncident} files.`,
  );
export const quotaExceeded = () =>
  new AppError(413, 'evidence_quota_exceeded', 'Content Too Large', 'Your evidence storage is full.');

interface Label {
  fileName: string;
  caption: string | null;
  sourceUrl: string | null;
  sourceHandle: string | null;
}

export type EvidenceRow = typeof incidentEvidence.$inferSelect;

export function readLabel(deps: IncidentDeps, row: EvidenceRow): Label | null {
  if (!row.labelEnvelope) return null;
  return JSON.parse(deps.keyring.decryptString(row.labelEnvelope, evidenceAad.label(row.id))) as Label;
}

function toEvidence(deps: IncidentDeps, row: EvidenceRow, addedByName: string | null): Evidence {
  const label = readLabel(deps, row);
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind: row.kind as EvidenceKind,
    contentType: row.contentType,
    fileName: label?.fileName ?? null,
    size: row.size,
    sha256: row.sha256,
    receivedAt: row.receivedAt.toISOString(),
    addedByName,
    caption: label?.caption ?? null,
    sourceUrl: label?.sourceUrl ?? null,
    sourceHandle: label?.sourceHandle ?? null,
    hasMetadata: row.hasMetadata,
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

/** The evidence of an incident (tombstones included), oldest first. The caller checked access. */
export async function listEvidence(deps: IncidentDeps, incidentId: string): Promise<Evidence[]> {
  const rows = await deps.uow.db
    .select({ row: incidentEvidence, addedByName: people.displayName })
    .from(incidentEvidence)
    .leftJoin(people, eq(people.id, incidentEvidence.addedBy))
    .where(eq(incidentEvidence.incidentId, incidentId))
    .orderBy(asc(incidentEvidence.receivedAt), asc(incidentEvidence.id));
  return rows.map(({ row, addedByName }) => toEvidence(deps, row, addedByName));
}

export interface EvidenceUpload {
  stream: Readable;
  fileName: string;
  fields: EvidenceFields;
  /** True when the multipart limit cut the file short. */
  truncated: () => boolean;
}

/**
 * Takes one evidence file. Access is checked before a byte is read; the file is streamed, hashed and
 * encrypted into the store's incoming directory; then, in one transaction: the incident is locked, the
 * limits are checked, the file is moved into place (durably) and the row and its audit entry written.
 * Anything failing on the way removes the file again, so the store never keeps a file without a row,
 * nor the database a row without a file (a crash between the two leaves a file the sweep removes).
 */
export async function addEvidence(
  deps: IncidentDeps,
  ctx: ServiceContext,
  incidentId: string,
  upload: EvidenceUpload,
): Promise<Evidence> {
  const actor = requireActor(ctx);
  await loadIncident(deps.uow.db, actor, incidentId, 'addEvidence');
  const id = randomUUID();
  let placed = false;
  try {
    const received = await receiveEvidence(
      deps.keyring,
      deps.store,
      id,
      upload.stream,
      upload.fileName,
      upload.truncated,
    ).catch((error: unknown) => {
      throw uploadProblem(error);
    });
    const label: Label = {
      fileName: received.fileName,
      caption: upload.fields.caption || null,
      sourceUrl: upload.fields.sourceUrl || null,
      sourceHandle: upload.fields.sourceHandle || null,
    };
    return await deps.uow.run(ctx, async (w) => {
      const incident = await loadIncident(w.tx, actor, incidentId, 'addEvidence', { lock: true });
      const [files] = await w.tx
        .select({ n: count() })
        .from(incidentEvidence)
        .where(and(eq(incidentEvidence.incidentId, incidentId), isNull(incidentEvidence.deletedAt)));
      if ((files?.n ?? 0) >= INCIDENT_LIMITS.evidencePerIncident) throw tooManyFiles();
      const [used] = await w.tx
        .select({ bytes: sql<string>`coalesce(sum(${incidentEvidence.size}), 0)` })
        .from(incidentEvidence)
        .where(and(eq(incidentEvidence.ownerId, incident.ownerId), isNull(incidentEvidence.deletedAt)));
      if (Number(used?.bytes ?? 0) + received.size > EVIDENCE_MAX_TOTAL_BYTES) throw quotaExceeded();
      await deps.store.commitPart(id);
      placed = true;
      const [row] = await w.tx
        .insert(incidentEvidence)
        .values({
          id,
          incidentId,
          ownerId: incident.ownerId,
          addedBy: actor.personId,
          kind: received.kind,
          contentType: received.type,
          size: received.size,
          sha256: received.sha256,
          crc32: received.crc32,
          hasMetadata: received.hasMetadata,
          labelEnvelope: deps.keyring.encrypt(JSON.stringify(label), evidenceAad.label(id)),
          keyEnvelope: received.keyEnvelope,
          receivedAt: w.now,
        })
        .returning();
      await recordAudit(w.tx, w, {
        action: 'incident.evidence_added',
        subjectPersonId: incident.ownerId,
        recordType: 'incident_evidence',
        recordId: id,
        details: { incident: incidentId, contentType: received.type, size: received.size, sha256: received.sha256 },
      });
      await deps.intakeFault?.();
      const [me] = await w.tx.select({ name: people.displayName }).from(people).where(eq(people.id, actor.personId));
      return toEvidence(deps, row as EvidenceRow, me?.name ?? null);
    });
  } catch (error) {
    await deps.store.removePart(id);
    if (placed) await deps.store.remove(id);
    if (error instanceof AppError && error.status !== 404) {
      await deps.uow.run(ctx, (w) =>
        recordAudit(w.tx, w, {
          action: 'incident.evidence_refused',
          outcome: 'failure',
          subjectPersonId: actor.personId,
          recordType: 'incident',
          recordId: incidentId,
          details: { code: error.code },
        }),
      );
    }
    throw error;
  }
}

async function loadEvidence(deps: IncidentDeps, ctx: ServiceContext, incidentId: string, evidenceId: string) {
  const actor = requireActor(ctx);
  await loadIncident(deps.uow.db, actor, incidentId, 'read');
  const [row] = await deps.uow.db
    .select()
    .from(incidentEvidence)
    .where(and(eq(incidentEvidence.id, evidenceId), eq(incidentEvidence.incidentId, incidentId)));
  if (!row || row.deletedAt || !row.keyEnvelope) throw notFound();
  return row;
}

/** Decrypts a stored original; the stream fails if a byte differs from what was hashed at intake. */
export function openOriginal(deps: IncidentDeps, row: { id: string; keyEnvelope: string | null; sha256: string }) {
  if (!row.keyEnvelope) throw notFound();
  const decrypt = openStream(deps.keyring, row.keyEnvelope, evidenceAad.content(row.id));
  const sha = createHash('sha256');
  const verify = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sha.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      callback(sha.digest('hex') === row.sha256 ? null : new Error('The stored evidence no longer matches its hash'));
    },
  });
  return pipeline(deps.store.read(row.id), decrypt, verify, () => {});
}

export interface EvidenceFile {
  fileName: string;
  contentType: EvidenceType;
  size: number;
  body: Readable | Buffer;
}

/** The exact original bytes, audited (who took a copy of the evidence, and when). */
export async function readOriginal(
  deps: IncidentDeps,
  ctx: ServiceContext,
  incidentId: string,
  evidenceId: string,
): Promise<EvidenceFile> {
  const row = await loadEvidence(deps, ctx, incidentId, evidenceId);
  await deps.uow.run(ctx, (w) =>
    recordAudit(w.tx, w, {
      action: 'incident.evidence_original_downloaded',
      subjectPersonId: row.ownerId,
      recordType: 'incident_evidence',
      recordId: row.id,
    }),
  );
  return {
    fileName: readLabel(deps, row)?.fileName ?? 'bewijs',
    contentType: row.contentType as EvidenceType,
    size: row.size,
    body: openOriginal(deps, row),
  };
}

/**
 * What the app shows: a photo without its location and camera metadata (the original stays untouched
 * in the store); any other kind as it is.
 */
export async function readView(
  deps: IncidentDeps,
  ctx: ServiceContext,
  incidentId: string,
  evidenceId: string,
): Promise<EvidenceFile> {
  const row = await loadEvidence(deps, ctx, incidentId, evidenceId);
  const fileName = readLabel(deps, row)?.fileName ?? 'bewijs';
  return { fileName, contentType: row.contentType as EvidenceType, ...(await viewOf(deps, row)) };
}

/**
 * The bytes the app shows of a stored file: a photo without its location and camera metadata (read whole,
 * checked against its hash, then cleaned), any other kind streamed as it is. The caller checked access.
 */
export async function viewOf(
  deps: IncidentDeps,
  row: { id: string; keyEnvelope: string | null; sha256: string; contentType: string; size: number },
): Promise<{ size: number; body: Readable | Buffer }> {
  const type = row.contentType as EvidenceType;
  if (EVIDENCE_TYPES[type].kind !== 'image') return { size: row.size, body: openOriginal(deps, row) };
  const original = await buffer(openOriginal(deps, row));
  const clean = type === 'image/png' ? stripPngMetadata(original) : stripJpegMetadata(original);
  return { size: clean.bytes.length, body: clean.bytes };
}

/**
 * The owner deletes a file: the row becomes a tombstone (hash, size, type and dates stay; name, caption,
 * source and key go) and the file is removed after the commit. Without the key the content is gone even
 * if the file lingered (the sweep removes it).
 */
export async function deleteEvidence(
  deps: IncidentDeps,
  ctx: ServiceContext,
  incidentId: string,
  evidenceId: string,
): Promise<Evidence> {
  const actor = requireActor(ctx);
  return deps.uow.run(ctx, async (w) => {
    const incident = await loadIncident(w.tx, actor, incidentId, 'deleteEvidence', { lock: true });
    const [row] = await w.tx
      .update(incidentEvidence)
      .set({ labelEnvelope: null, keyEnvelope: null, deletedAt: w.now, deletedBy: actor.personId })
      .where(
        and(
          eq(incidentEvidence.id, evidenceId),
          eq(incidentEvidence.incidentId, incidentId),
          isNull(incidentEvidence.deletedAt),
        ),
      )
      .returning();
    if (!row) throw notFound();
    await recordAudit(w.tx, w, {
      action: 'incident.evidence_deleted',
      subjectPersonId: incident.ownerId,
      recordType: 'incident_evidence',
      recordId: evidenceId,
      details: { incident: incidentId, sha256: row.sha256, size: row.size },
    });
    w.afterCommit('remove a deleted evidence file', () => deps.store.remove(evidenceId));
    return toEvidence(deps, row, null);
  });
}
