import type { Catalogue } from './types.ts';

/** Audit actions of the Ondersteuningsteam's support requests (a case type). */
export const SUPPORT_AUDIT_ACTIONS = {
  'support.advice_recorded': { nl: 'schreef adviezen bij uw hulpvraag', en: 'wrote advice on your request' },
  'support.zelfscan_read': { nl: 'bekeek de zelfscan die u deelde', en: 'viewed the self-scan you shared' },
  'support.zelfscan_withdrawn': {
    nl: 'haalde de gedeelde zelfscan weg bij uw hulpvraag',
    en: 'took the shared self-scan away from your request',
  },
  'support.incident_shared': {
    nl: 'deelde een incident met uw hulpvraag (met uw toestemming)',
    en: 'shared an incident with your request (with your consent)',
  },
  'support.incident_share_withdrawn': {
    nl: 'stopte het delen van een incident met uw hulpvraag',
    en: 'stopped sharing an incident with your request',
  },
  'support.incident_read': { nl: 'bekeek het incident dat u deelde', en: 'viewed the incident you shared' },
  'support.incident_evidence_read': {
    nl: 'opende een bewijsbestand van het incident dat u deelde',
    en: 'opened an evidence file of the incident you shared',
  },
  'support.association_routing_changed': {
    nl: 'wijzigde naar welke vereniging nieuwe hulpvragen van een ambt gaan',
    en: 'changed which association new requests from an office go to',
  },
  'support.person_concerned_read': {
    nl: 'las de gegevens van de persoon om wie het gaat',
    en: 'read the details of the person it is about',
  },
} as const satisfies Catalogue;
