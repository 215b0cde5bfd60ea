import type { Catalogue } from './types.ts';

/** Audit actions of the incidents module (the person's own incident log, evidence and dossiers). */
export const INCIDENTS_AUDIT_ACTIONS = {
  'incident.created': { nl: 'legde een incident vast', en: 'recorded an incident' },
  'incident.updated': { nl: 'vulde een incident aan', en: 'updated an incident' },
  'incident.deleted': { nl: 'verwijderde een incident', en: 'deleted an incident' },
  'incident.follow_up_added': { nl: 'voegde een vervolg toe aan een incident', en: 'added a follow-up to an incident' },
  'incident.evidence_added': { nl: 'voegde bewijs toe aan een incident', en: 'added evidence to an incident' },
  'incident.evidence_refused': {
    nl: 'probeerde een bestand toe te voegen dat niet als bewijs kon worden bewaard',
    en: 'tried to add a file that could not be kept as evidence',
  },
  'incident.evidence_deleted': {
    nl: 'verwijderde bewijs (de vingerafdruk blijft bewaard)',
    en: 'deleted evidence (its fingerprint is kept)',
  },
  'incident.evidence_original_downloaded': {
    nl: 'downloadde een origineel bewijsbestand',
    en: 'downloaded an original evidence file',
  },
  'incident.dossier_exported': { nl: 'maakte een politiedossier', en: 'exported a police dossier' },
} as const satisfies Catalogue;
