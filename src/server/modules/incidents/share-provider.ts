import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { IncidentShareField, SharedIncidentContent } from '../../../shared/incident-share.ts';
import type { EvidenceKind, FollowUpKind } from '../../../shared/incidents.ts';
import type { DbOrTx } from '../../db/index.ts';
import { AppError } from '../../lib/errors.ts';
import type { IncidentShareProvider, ShareConsent } from '../support/incident-share.ts';
import { type IncidentDeps, incidentAad, loadIncident, readDetails } from './access.ts';
import { incidentEvidence, incidentFollowUps } from './db.ts';
import { readLabel, viewOf } from './evidence.ts';

/**
 * What the support module asks of incidents when a person shares one with a support request (the seam
 * of support/incident-share.ts). The incident's own rule stays owner-only: every answer here is on
 * behalf of the owner who consented — the incident must still be theirs — and gives only what they
 * chose. Whether the reader may see the case at all is the case policy's decision, made before.
 */
export function incidentShareProvider(app: FastifyInstance): IncidentShareProvider {
  // The incidents module registers after support; its dependencies are looked up when first asked.
  const deps = (): IncidentDeps => app.incidents;
  return {
    shareable: (db, incidentId, personId) => shareable(db, incidentId, personId),
    shared: (db, consent) => sharedIncident(deps(), db, consent),
    file: (db, consent, evidenceId) => sharedFile(deps(), db, consent, evidenceId),
  };
}

/** The incident as its owner may read it, or null (missing, or someone else's: the same answer). */
async function ownIncident(db: DbOrTx, incidentId: string, ownerId: string) {
  try {
    return await loadIncident(db, { personId: ownerId, roles: [] }, incidentId, 'read');
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

async function shareable(db: DbOrTx, incidentId: string, personId: string) {
  const row = await ownIncident(db, incidentId, personId);
  if (!row) return null;
  const files = await db
    .select({ id: incidentEvidence.id })
    .from(incidentEvidence)
    .where(and(eq(incidentEvidence.incidentId, row.id), isNull(incidentEvidence.deletedAt)));
  return { evidenceIds: files.map((file) => file.id) };
}

/** The consented files that still exist (a file the owner deleted since is left out). */
async function consentedFiles(db: DbOrTx, consent: ShareConsent) {
  if (consent.evidenceIds.length === 0) return [];
  return db
    .select()
    .from(incidentEvidence)
    .where(
      and(
        eq(incidentEvidence.incidentId, consent.incidentId),
        eq(incidentEvidence.ownerId, consent.ownerId),
        inArray(incidentEvidence.id, [...consent.evidenceIds]),
        isNull(incidentEvidence.deletedAt),
      ),
    )
    .orderBy(asc(incidentEvidence.receivedAt), asc(incidentEvidence.id));
}

async function sharedIncident(
  deps: IncidentDeps,
  db: DbOrTx,
  consent: ShareConsent,
): Promise<SharedIncidentContent | null> {
  const row = await ownIncident(db, consent.incidentId, consent.ownerId);
  if (!row) return null;
  const details = readDetails(deps.keyring, row);
  const chosen = new Set<IncidentShareField>(consent.fields);
  const content: SharedIncidentContent = { incidentId: row.id, occurredOn: row.occurredOn, evidence: [] };
  // Each part only when chosen: what is not chosen is never decrypted into the answer.
  if (chosen.has('whatHappened')) content.whatHappened = details.whatHappened;
  if (chosen.has('occurredAt')) content.occurredAt = details.occurredAt;
  if (chosen.has('channel')) content.channel = details.channel;
  if (chosen.has('where')) content.where = details.where;
  if (chosen.has('forms')) content.forms = details.forms;
  if (chosen.has('targets')) content.targets = details.targets;
  if (chosen.has('perpetrator')) {
    content.perpetrator = {
      kind: details.perpetratorKind,
      description: details.perpetratorDescription,
      handle: details.perpetratorHandle,
    };
  }
  if (chosen.has('severity')) content.severity = details.severity;
  if (chosen.has('aimedAt')) content.aimedAt = details.aimedAt;
  if (chosen.has('internalReport')) content.internalReport = details.internalReport;
  if (chosen.has('followUps')) {
    const followUps = await db
      .select()
      .from(incidentFollowUps)
      .where(eq(incidentFollowUps.incidentId, row.id))
      .orderBy(asc(incidentFollowUps.occurredOn), asc(incidentFollowUps.createdAt));
    content.followUps = followUps.map((followUp) => {
      const body = JSON.parse(deps.keyring.decryptString(followUp.bodyEnvelope, incidentAad.followUp(followUp.id))) as {
        kind: FollowUpKind;
        text: string;
      };
      return { occurredOn: followUp.occurredOn, kind: body.kind, text: body.text };
    });
  }
  for (const file of await consentedFiles(db, consent)) {
    const label = readLabel(deps, file);
    content.evidence.push({
      id: file.id,
      kind: file.kind as EvidenceKind,
      contentType: file.contentType,
      fileName: label?.fileName ?? 'bewijs',
      size: file.size,
      sha256: file.sha256,
      receivedAt: file.receivedAt.toISOString(),
      caption: label?.caption ?? null,
      sourceUrl: label?.sourceUrl ?? null,
      sourceHandle: label?.sourceHandle ?? null,
      hasMetadata: file.hasMetadata,
    });
  }
  return content;
}

async function sharedFile(deps: IncidentDeps, db: DbOrTx, consent: ShareConsent, evidenceId: string) {
  if (!consent.evidenceIds.includes(evidenceId)) return null;
  if (!(await ownIncident(db, consent.incidentId, consent.ownerId))) return null;
  const file = (await consentedFiles(db, consent)).find((candidate) => candidate.id === evidenceId);
  if (!file?.keyEnvelope) return null;
  return {
    fileName: readLabel(deps, file)?.fileName ?? 'bewijs',
    contentType: file.contentType,
    open: () => viewOf(deps, file),
  };
}
