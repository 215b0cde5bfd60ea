import type { Catalogue } from './types.ts';

/** Problem codes of the people module (accounts, invitations, relatives, create-admin). */
export const PEOPLE_PROBLEMS = {
  email_taken: {
    nl: 'Dit e-mailadres hoort al bij een ander account. Kies een ander e-mailadres.',
    en: 'This e-mail address already belongs to another account. Choose another address.',
  },
  own_admin_role: {
    nl: 'U kunt uw eigen rol als beheerder niet weghalen. Vraag een andere beheerder.',
    en: 'You cannot remove your own admin role. Ask another admin.',
  },
  own_roles: {
    nl: 'U kunt uw eigen rollen niet veranderen. Vraag een andere beheerder.',
    en: 'You cannot change your own roles. Ask another admin.',
  },
  roles_conflict: {
    nl: 'Een beheerder kan geen rol hebben waarmee hij hulpvragen leest. Kies het een of het ander.',
    en: 'An admin cannot hold a role that reads requests for help. Choose one or the other.',
  },
  role_grant_pending: {
    nl: 'Voor deze persoon wacht al een rol op goedkeuring. Keur die eerst goed of wijs hem af.',
    en: 'A role for this person is already waiting for approval. Approve or turn it down first.',
  },
  four_eyes: {
    nl: 'Een tweede beheerder moet dit goedkeuren. U kunt uw eigen verzoek niet goedkeuren.',
    en: 'A second admin must approve this. You cannot approve your own request.',
  },
  last_admin: {
    nl: 'Er moet altijd minstens één actieve beheerder zijn.',
    en: 'There must always be at least one active admin.',
  },
  relative_needs_link: {
    nl: 'De rol familielid kan alleen bij iemand die door een ambtsdrager is uitgenodigd.',
    en: 'The role of relative is only for someone invited by an office holder.',
  },
  cannot_deactivate_self: {
    nl: 'U kunt uw eigen account niet uitzetten.',
    en: 'You cannot deactivate your own account.',
  },
  already_deactivated: { nl: 'Dit account staat al uit.', en: 'This account is already deactivated.' },
  not_deactivated: { nl: 'Dit account staat niet uit.', en: 'This account is not deactivated.' },
  deactivated: {
    nl: 'Dit account staat uit. Zet het eerst weer aan op de beheerpagina.',
    en: 'This account is deactivated. Reactivate it on the admin page first.',
  },
  not_invited: {
    nl: 'Deze persoon heeft het account al geactiveerd. Een nieuwe uitnodiging is niet nodig.',
    en: 'This person has already activated their account. A new invitation is not needed.',
  },
  setup_invitation: {
    nl: 'De link voor de eerste beheerder verschijnt als de server start. Start de server opnieuw voor een nieuwe link.',
    en: 'The link for the first admin appears when the server starts. Restart the server for a new link.',
  },
  already_your_relative: {
    nl: 'Dit e-mailadres staat al in uw lijst met gezinsleden.',
    en: 'This e-mail address is already in your list of family members.',
  },
  too_many_invitations: {
    nl: 'U hebt in korte tijd veel uitnodigingen verstuurd. Over een tijdje kunt u weer iemand uitnodigen.',
    en: 'You have sent many invitations in a short time. You can invite someone again after a while.',
  },
  too_many_relatives: {
    nl: 'U hebt het hoogste aantal gezinsleden bereikt. Haal eerst iemand weg.',
    en: 'You have reached the highest number of family members. Remove someone first.',
  },
} as const satisfies Catalogue;
