/**
 * The web app's pages, shared by the router in the browser and the server, which answers 404 for any
 * other path (still with the app, so it can show a friendly page). Dutch slugs, English identifiers.
 */
export const WEB_PATHS = {
  home: '/',
  privacy: '/privacyverklaring',
  accessibility: '/toegankelijkheidsverklaring',
  askSupport: '/hulp-vragen',
  myCases: '/mijn-zaken',
  myCase: '/mijn-zaken/:caseId',
  notifications: '/meldingen',
  sipaRequest: '/sipa/advies-vragen',
  woningscan: '/woningscan',
  workQueue: '/werkbak',
  staffCase: '/werkbak/:caseId',
  packagePart: '/pakket/:slug',
  search: '/zoeken',
  zelfscan: '/zelfscan',
  zelfscanResult: '/zelfscan/uitslag',
  myZelfscans: '/zelfscan/mijn-uitslagen',
  myZelfscan: '/zelfscan/mijn-uitslagen/:resultId',
  signIn: '/inloggen',
  activate: '/activeren',
  account: '/account',
  accountSessions: '/account/sessies',
  accountAccessLog: '/account/inzage',
  accountData: '/account/mijn-gegevens',
  relatives: '/familie',
  admin: '/beheer',
  adminPeople: '/beheer/personen',
  adminInvite: '/beheer/personen/nieuw',
  adminPerson: '/beheer/personen/:id',
  adminInvitations: '/beheer/uitnodigingen',
  adminRoleGrants: '/beheer/rolverzoeken',
  adminOutbox: '/beheer/outbox',
  adminOutboxMessage: '/beheer/outbox/:id',
  adminHandovers: '/beheer/overdracht',
  adminHandoverNew: '/beheer/overdracht/nieuw',
  adminHandoverImport: '/beheer/overdracht/import',
  adminHandover: '/beheer/overdracht/:id',
  adminContent: '/beheer/inhoud',
  adminContentPart: '/beheer/inhoud/:slug',
  adminSchemes: '/beheer/regelingen',
  adminDamageRules: '/beheer/schadefonds',
  adminAssociationRouting: '/beheer/routering-hulpvragen',
  myPackage: '/mijn-pakket',
  incidents: '/incidenten',
  incidentNew: '/incidenten/nieuw',
  incident: '/incidenten/:incidentId',
  incidentShare: '/incidenten/:incidentId/delen',
  // The steps that follow an incident (its path): the aangifte aid, what happened at the police, the
  // conversation about protection, and the damage claims. Aftercare has its own page.
  incidentAangifte: '/incidenten/:incidentId/aangifte',
  incidentPolice: '/incidenten/:incidentId/politie',
  incidentProtection: '/incidenten/:incidentId/beveiliging',
  incidentDamages: '/incidenten/:incidentId/schade',
  aftercare: '/nazorg',
  activateByCode: '/activeren/code',
  training: '/training',
  trainingCoordination: '/training/beheer',
  trainingOfferingNew: '/training/beheer/aanbod/nieuw',
  trainingOffering: '/training/beheer/aanbod/:offeringId',
  trainingSessionNew: '/training/beheer/sessies/nieuw',
  trainingSession: '/training/beheer/sessies/:sessionId',
} as const;

export type WebPathName = keyof typeof WEB_PATHS;

const patterns = Object.values(WEB_PATHS).map((path) => path.split('/').filter(Boolean));
const named = Object.entries(WEB_PATHS).map(([name, path]) => ({
  name: name as WebPathName,
  pattern: path.split('/').filter(Boolean),
}));

/** The page a path leads to, with its `:name` segments; null for a path the app does not have. */
export function matchWebPath(path: string): { name: WebPathName; params: Record<string, string> } | null {
  const segments = path.split('/').filter(Boolean);
  for (const { name, pattern } of named) {
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      if (part.startsWith(':')) params[part.slice(1)] = segment;
      return part.startsWith(':') || part === segment;
    });
    if (matches) return { name, params };
  }
  return null;
}

/** One of my incidents. */
export const incidentPath = (incidentId: string) =>
  WEB_PATHS.incident.replace(':incidentId', encodeURIComponent(incidentId));

/** A page of one of my incidents' path (the aangifte aid, the police, protection, damages). */
export const incidentStepPath = (
  name: 'incidentAangifte' | 'incidentPolice' | 'incidentProtection' | 'incidentDamages',
  incidentId: string,
) => WEB_PATHS[name].replace(':incidentId', encodeURIComponent(incidentId));

/** One of my saved zelfscan results, with its action plan. */
export const myZelfscanPath = (resultId: string) =>
  WEB_PATHS.myZelfscan.replace(':resultId', encodeURIComponent(resultId));

/** Sharing one of my incidents with the Ondersteuningsteam (the consent screen). */
export const incidentSharePath = (incidentId: string) =>
  WEB_PATHS.incidentShare.replace(':incidentId', encodeURIComponent(incidentId));

/** A requester's own case, and the same case in the staff work queue. */
export const myCasePath = (caseId: string) => WEB_PATHS.myCase.replace(':caseId', encodeURIComponent(caseId));
export const staffCasePath = (caseId: string) => WEB_PATHS.staffCase.replace(':caseId', encodeURIComponent(caseId));

/** The address of one part of the package. */
export const packagePartPath = (slug: string) => WEB_PATHS.packagePart.replace(':slug', encodeURIComponent(slug));

/** The admin page of one person. */
export const adminPersonPath = (id: string) => WEB_PATHS.adminPerson.replace(':id', encodeURIComponent(id));

/** One message of the local outbox. */
export const adminOutboxMessagePath = (id: string) =>
  WEB_PATHS.adminOutboxMessage.replace(':id', encodeURIComponent(id));

/** The admin page of one handover of the package. */
export const adminHandoverPath = (id: string) => WEB_PATHS.adminHandover.replace(':id', encodeURIComponent(id));

/** The admin page where one part of the package is edited. */
export const adminContentPartPath = (slug: string) =>
  WEB_PATHS.adminContentPart.replace(':slug', encodeURIComponent(slug));

/** The coordinator's pages of one training offering and one session. */
export const trainingOfferingPath = (id: string) =>
  WEB_PATHS.trainingOffering.replace(':offeringId', encodeURIComponent(id));
export const trainingSessionPath = (id: string) =>
  WEB_PATHS.trainingSession.replace(':sessionId', encodeURIComponent(id));

/** True when the path is one of the app's pages; `:name` segments match any single segment. */
export function isWebPath(path: string): boolean {
  const segments = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  // A malformed escape (e.g. /pakket/%E0) is simply not a page, rather than an error.
  if (!segments.every(isDecodable)) return false;
  return patterns.some(
    (pattern) =>
      pattern.length === segments.length &&
      pattern.every((part, index) => part.startsWith(':') || part === decodeURIComponent(segments[index] ?? '')),
  );
}

function isDecodable(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}
