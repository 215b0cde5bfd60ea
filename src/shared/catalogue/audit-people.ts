import type { Catalogue } from './types.ts';

/** Audit actions of the people module: accounts, invitations, relatives, the local outbox, the demo. */
export const PEOPLE_AUDIT_ACTIONS = {
  'person.viewed': { nl: 'bekeek uw accountgegevens', en: 'viewed your account details' },
  'person.invited': { nl: 'nodigde u uit voor Weerbaar', en: 'invited you to Weerbaar' },
  'person.roles_changed': { nl: 'veranderde uw rollen', en: 'changed your roles' },
  'person.deactivated': { nl: 'zette uw account uit', en: 'turned off your account' },
  'person.reactivated': { nl: 'zette uw account weer aan', en: 'turned your account back on' },
  'person.role_grant_requested': {
    nl: 'vroeg een tweede beheerder om u een rol te geven waarmee u hulpvragen kunt lezen',
    en: 'asked a second admin to give you a role that reads requests for help',
  },
  'person.role_grant_approved': {
    nl: 'keurde goed dat u een rol krijgt waarmee u hulpvragen kunt lezen',
    en: 'approved that you get a role that reads requests for help',
  },
  'person.role_grant_rejected': {
    nl: 'wees af dat u een rol krijgt waarmee u hulpvragen kunt lezen',
    en: 'turned down that you get a role that reads requests for help',
  },
  'person.seeded': { nl: 'maakte uw demo-account', en: 'made your demo account' },
  'invitation.issued': { nl: 'maakte een activeringslink voor u', en: 'made an activation link for you' },
  'invitation.revoked': { nl: 'trok uw uitnodiging in', en: 'withdrew your invitation' },
  'invitation.accepted': {
    nl: 'activeerde uw account met de uitnodiging',
    en: 'activated your account with the invitation',
  },
  'relative.invited': { nl: 'nodigde u uit als gezinslid', en: 'invited you as a family member' },
  'relative.invited_existing_account': {
    nl: 'wilde u uitnodigen als gezinslid; u kreeg daarover een bericht, uw account bleef zoals het was',
    en: 'wanted to invite you as a family member; you were told, and your account stayed as it was',
  },
  'relative.removed': { nl: 'beëindigde uw toegang als gezinslid', en: 'ended your access as a family member' },
  'relative.invite_refused': {
    nl: 'probeerde een gezinslid uit te nodigen, maar dat kon niet',
    en: 'tried to invite a family member, but could not',
  },
  'mail.outbox_read': { nl: 'las een e-mail aan u in de outbox', en: 'read an e-mail to you in the outbox' },
  'mail.dead_letter_retried': {
    nl: 'liet een e-mail aan u die niet bezorgd kon worden opnieuw versturen',
    en: 'had an e-mail to you that could not be delivered sent again',
  },
} as const satisfies Catalogue;
