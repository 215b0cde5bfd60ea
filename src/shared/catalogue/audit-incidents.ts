import type { Catalogue } from './types.ts';

/** Audit actions of the incidents module (the person's own incident log, evidence and dossiers). */
export const INCIDENTS_AUDIT_ACTIONS = {
  'incident.created': { nl: 'Incident vastgelegd', en: 'Incident recorded' },
  'incident.updated': { nl: 'Incident aangevuld', en: 'Incident updated' },
  'incident.deleted': { nl: 'Incident verwijderd', en: 'Incident deleted' },
  'incident.follow_up_added': { nl: 'Vervolg toegevoegd aan een incident', en: 'Follow-up added to an incident' },
  'incident.evidence_added': { nl: 'Bewijs toegevoegd aan een incident', en: 'Evidence added to an incident' },
  'incident.evidence_refused': { nl: 'Bewijsbestand geweigerd', en: 'Evidence file refused' },
  'incident.evidence_deleted': {
    nl: 'Bewijs verwijderd (de vingerafdruk blijft bewaard)',
    en: 'Evidence deleted (its fingerprint is kept)',
  },
  'incident.evidence_original_downloaded': {
    nl: 'Origineel bewijsbestand gedownload',
    en: 'Original evidence file downloaded',
  },
  'incident.dossier_exported': { nl: 'Politiedossier gemaakt', en: 'Police dossier exported' },
} as const satisfies Catalogue;
