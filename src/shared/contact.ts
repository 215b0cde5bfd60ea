/**
 * Numbers that must be one glance away on every page, in the app and in print.
 * 070-373 83 14 is the Ondersteuningsteam Weerbaar Bestuur's central number, reachable 24/7.
 */
export const EMERGENCY_NUMBER = '112';
export const SUPPORT_TEAM_PHONE = {
  display: '070 373 83 14',
  /** Written for someone who may call from abroad (the English texts of mails and prints). */
  international: '+31 70 373 83 14',
  /** For tel: links, in international form. */
  tel: '+31703738314',
} as const;
