import type { Readable } from 'node:stream';
import type {
  IncidentShareConsent,
  IncidentShareField,
  IncidentSharesResponse,
  SharedIncidentContent,
  SharedIncidentResponse,
} from '../../../shared/incident-share.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import type { CaseIncidentShareRow } from './db.ts';
import { revokeIncidentShare, sharesOfIncident, upsertIncidentShare } from './repository.ts';
import type { SupportCases } from './service.ts';

/**
 * The seam to the incidents module, as for the zelfscan (zelfscan.ts): a support case holds a
 * reference to one of the requester's incidents with the parts and files they consented to; the
 * incidents module answers whether the incident is theirs and what those parts say. The support module
 * never reads the incidents' tables itself, and the incident's own rules stay owner-only: staff read
 * it only here, through the case policy (`read_incident`), audited about the requester.
 *
 * The default provider knows no incidents, so any share is refused with 400 `incident_not_shareable`.
 * The incidents module passes its own (incidents/share-provider.ts) to supportModule.
 */
export interface IncidentShareProvider {
  /**
   * The incident's files that may be shared (not deleted) when the incident exists and belongs to this
   * person; null otherwise.
   */
  shareable(db: DbOrTx, incidentId: string, personId: string): Promise<{ evidenceIds: string[] } | null>;
  /**
   * The incident filtered to the consented parts and files (a file deleted since is left out); null when
   * it no longer exists or is not the owner's. Decrypted by the incidents module.
   */
  shared(db: DbOrTx, consent: ShareConsent): Promise<SharedIncidentContent | null>;
  /**
   * One consented file as the app shows it (a photo without its location and camera data), streamed from
   * the store and checked against its intake hash; null when it is not one of the consented files, or gone.
   */
  file(db: DbOrTx, consent: ShareConsent, evidenceId: string): Promise<SharedFile | null>;
}

export interface ShareConsent {
  incidentId: string;
  ownerId: string;
  fields: readonly IncidentShareField[];
  evidenceIds: readonly string[];
}

export interface SharedFile {
  fileName: string;
  contentType: string;
  /** Decrypts (and, for a photo, cleans) the file; the stream fails if a byte differs from intake. */
  open(): Promise<{ body: Readable | Buffer; size: number }>;
}

export const noIncidents: IncidentShareProvider = {
  shareable: async () => null,
  shared: async () => null,
  file: async () => null,
};

export const incidentNotShareable = () =>
  badRequest(
    'incident_not_shareable',
    'This incident cannot be shared (it does not exist, is not yours, or a chosen file is not in it).',
  );

/**
 * Checks a consent against the incident as it is now: the person's own, every chosen file one of its
 * files. Run before anything is written; 400 `incident_not_shareable` otherwise (the same answer for an
 * incident of someone else as for one that does not exist).
 */
export async function checkConsent(
  db: DbOrTx,
  provider: IncidentShareProvider,
  consent: IncidentShareConsent,
  personId: string,
): Promise<void> {
  const shareable = await provider.shareable(db, consent.incidentId, personId);
  if (!shareable) throw incidentNotShareable();
  const files = new Set(shareable.evidenceIds);
  if (!consent.evidenceIds.every((id) => files.has(id))) throw incidentNotShareable();
}

export function consentOf(share: CaseIncidentShareRow): ShareConsent {
  return {
    incidentId: share.incidentId,
    ownerId: share.ownerId,
    fields: share.fields as IncidentShareField[],
    evidenceIds: share.evidenceIds,
  };
}

/** Writes the consent (case, incident, chosen parts and files, date), in the caller's transaction. */
export function recordConsent(
  tx: Parameters<typeof upsertIncidentShare>[0],
  caseId: string,
  ownerId: string,
  consent: IncidentShareConsent,
  now: Date,
) {
  return upsertIncidentShare(tx, {
    caseId,
    incidentId: consent.incidentId,
    ownerId,
    fields: [...consent.fields],
    evidenceIds: [...consent.evidenceIds],
    consentedAt: now,
  });
}

/** The requester attaches one of their incidents to an open support request of theirs. */
export async function shareIncident(
  cases: SupportCases,
  ctx: ServiceContext,
  caseId: string,
  consent: IncidentShareConsent,
  provider: IncidentShareProvider,
) {
  return cases.withCase(ctx, caseId, 'share_incident', async (c) => {
    await checkConsent(c.tx, provider, consent, c.row.requesterId ?? '');
    await recordConsent(c.tx, caseId, c.row.requesterId ?? '', consent, c.now);
    await c.touch();
    await c.event('incident_shared', 'requester', {
      details: { fields: consent.fields.length, files: consent.evidenceIds.length },
    });
    await c.audit('support.incident_shared', {
      incident: consent.incidentId,
      fields: consent.fields.length,
      files: consent.evidenceIds.length,
    });
    await c.notify(
      c.state.assignees.map((assignee) => assignee.personId),
      'case_update',
    );
    return c.result();
  });
}

/** The requester stops sharing: at once, nobody on the case sees the incident or its files any more. */
export function withdrawIncidentShare(cases: SupportCases, ctx: ServiceContext, caseId: string, incidentId: string) {
  return cases.withCase(ctx, caseId, 'withdraw_incident_share', async (c) => {
    if (!(await revokeIncidentShare(c.tx, caseId, incidentId, c.now))) throw notFound();
    await c.touch();
    await c.event('incident_share_withdrawn', 'requester');
    await c.audit('support.incident_share_withdrawn', { incident: incidentId });
    return c.result();
  });
}

function activeShare(shares: readonly CaseIncidentShareRow[], incidentId: string): CaseIncidentShareRow {
  const share = shares.find((candidate) => candidate.incidentId === incidentId && !candidate.revokedAt);
  if (!share) throw notFound();
  return share;
}

/**
 * GET /api/cases/:caseId/support/incidents/:incidentId: the type's `read_incident` (requester, assigned
 * confidant, OT coordinator; never a grantee). Not shared, withdrawn, or gone: 404 for everyone. A read by
 * anyone but the requester is audited about the requester, in the same transaction.
 */
export function readSharedIncident(
  cases: SupportCases,
  ctx: ServiceContext,
  caseId: string,
  incidentId: string,
  provider: IncidentShareProvider,
): Promise<SharedIncidentResponse> {
  return cases.readCase(ctx, caseId, 'read_incident', async (c) => {
    const share = activeShare(c.data.incidentShares, incidentId);
    const content = await provider.shared(c.tx, consentOf(share));
    if (!content) throw notFound();
    await c.auditRead('support.incident_read', { incident: incidentId });
    return {
      shared: {
        ...content,
        sharedAt: share.consentedAt.toISOString(),
        fields: share.fields as IncidentShareField[],
      },
    };
  });
}

/** One consented file of a shared incident: who may is `read_incident`; audited like the incident. */
export async function readSharedEvidence(
  cases: SupportCases,
  ctx: ServiceContext,
  ids: { caseId: string; incidentId: string; evidenceId: string },
  provider: IncidentShareProvider,
): Promise<{ fileName: string; contentType: string; body: Readable | Buffer; size: number }> {
  const file = await cases.readCase(ctx, ids.caseId, 'read_incident', async (c) => {
    const share = activeShare(c.data.incidentShares, ids.incidentId);
    if (!share.evidenceIds.includes(ids.evidenceId)) throw notFound();
    const found = await provider.file(c.tx, consentOf(share), ids.evidenceId);
    if (!found) throw notFound();
    await c.auditRead('support.incident_evidence_read', { incident: ids.incidentId, evidence: ids.evidenceId });
    return found;
  });
  // The read is recorded (committed) before the first byte leaves.
  const opened = await file.open();
  return { fileName: file.fileName, contentType: file.contentType, ...opened };
}

/**
 * GET /api/support/incident-shares?incidentId=: where the person's own incident is shared now (for the
 * incident page's withdraw actions). The incident must be theirs (the same 404 otherwise).
 */
export async function listIncidentShares(
  cases: SupportCases,
  ctx: ServiceContext,
  incidentId: string,
  provider: IncidentShareProvider,
): Promise<IncidentSharesResponse> {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const db = cases.db;
  // The incidents module decides, by its own owner-only rule, whether this incident is the caller's.
  if (!(await provider.shareable(db, incidentId, actor.personId))) throw notFound();
  const rows = await sharesOfIncident(db, actor.personId, incidentId);
  return {
    shares: rows.map((row) => ({
      caseId: row.caseId,
      incidentId: row.incidentId,
      sharedAt: row.consentedAt.toISOString(),
      fields: row.fields as IncidentShareField[],
      evidenceIds: row.evidenceIds,
    })),
  };
}
