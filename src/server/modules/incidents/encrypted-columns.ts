import { incidentDrafts, incidentEvidence, incidentFollowUps, incidents } from './db.ts';

/**
 * The encrypted columns of the incidents module, spread into the key-rotation registry. The evidence
 * files themselves are never rewritten: rotation rewraps their data keys (`key_envelope`) here.
 */
export const INCIDENT_ENCRYPTED_COLUMNS = [
  { name: 'incidents.details_envelope', table: incidents, column: incidents.detailsEnvelope, primaryKey: incidents.id },
  {
    name: 'incident_follow_ups.body_envelope',
    table: incidentFollowUps,
    column: incidentFollowUps.bodyEnvelope,
    primaryKey: incidentFollowUps.id,
  },
  {
    name: 'incident_evidence.label_envelope',
    table: incidentEvidence,
    column: incidentEvidence.labelEnvelope,
    primaryKey: incidentEvidence.id,
  },
  {
    name: 'incident_evidence.key_envelope',
    table: incidentEvidence,
    column: incidentEvidence.keyEnvelope,
    primaryKey: incidentEvidence.id,
  },
  {
    name: 'incident_drafts.draft_envelope',
    table: incidentDrafts,
    column: incidentDrafts.draftEnvelope,
    primaryKey: incidentDrafts.ownerId,
  },
] as const;
