import type { Catalogue } from './types.ts';

/**
 * Audit actions of the case core (every case type). Kept apart from the type modules' own (audit-sipa.ts,
 * audit-support.ts), so a new case type adds a file of its own.
 */
export const CASES_AUDIT_ACTIONS = {
  'case.created': { nl: 'diende een hulpvraag in', en: 'submitted a request for help' },
  'case.read': { nl: 'las uw hulpvraag', en: 'read your request for help' },
  'case.timeline_read': { nl: 'bekeek het verloop van uw hulpvraag', en: 'viewed the history of your request' },
  'case.messages_read': { nl: 'las uw berichten', en: 'read your messages' },
  'case.message_posted': { nl: 'stuurde een bericht over uw hulpvraag', en: 'sent a message about your request' },
  'case.notes_read': {
    nl: 'las de interne notities bij uw hulpvraag',
    en: 'read the internal notes on your request',
  },
  'case.note_posted': {
    nl: 'schreef een interne notitie bij uw hulpvraag',
    en: 'wrote an internal note on your request',
  },
  'case.status_changed': { nl: 'veranderde de stand van uw hulpvraag', en: 'changed the status of your request' },
  'case.urgency_changed': { nl: 'veranderde hoe dringend uw hulpvraag is', en: 'changed how urgent your request is' },
  'case.assigned': { nl: 'gaf uw hulpvraag aan een medewerker', en: 'gave your request to a staff member' },
  'case.taken': { nl: 'nam uw hulpvraag in behandeling', en: 'took on your request' },
  'case.released': { nl: 'gaf uw hulpvraag terug aan het team', en: 'handed your request back to the team' },
  'case.closed': { nl: 'sloot uw hulpvraag af', en: 'closed your request' },
  'case.reopened': { nl: 'opende uw hulpvraag opnieuw', en: 'reopened your request' },
  'case.feedback_given': { nl: 'gaf een reactie op de hulp', en: 'gave feedback on the help' },
  'case.grant_proposed': {
    nl: 'vroeg u om iemand mee te laten kijken in uw hulpvraag',
    en: 'asked you to let someone see your request',
  },
  'case.grant_consented': {
    nl: 'gaf iemand toestemming om mee te kijken in uw hulpvraag',
    en: 'allowed someone to see your request',
  },
  'case.grant_declined': {
    nl: 'gaf iemand geen toestemming om mee te kijken in uw hulpvraag',
    en: 'did not allow someone to see your request',
  },
  'case.grant_revoked': {
    nl: 'trok de toestemming in van iemand die meekeek in uw hulpvraag',
    en: 'withdrew the permission of someone who could see your request',
  },
  'case.attachment_added': { nl: 'voegde een bestand toe aan uw hulpvraag', en: 'added a file to your request' },
  'case.attachments_listed': {
    nl: 'bekeek welke bestanden bij uw hulpvraag horen',
    en: 'viewed which files belong to your request',
  },
  'case.attachment_downloaded': {
    nl: 'downloadde een bestand van uw hulpvraag',
    en: 'downloaded a file of your request',
  },
  'case.erased': { nl: 'wiste de inhoud van uw hulpvraag', en: 'erased the content of your request' },
} as const satisfies Catalogue;
