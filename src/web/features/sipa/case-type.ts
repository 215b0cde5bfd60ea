import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import type { CaseTypeView } from '../cases/case-types.ts';

/** Who may ask SIPA for advice (the request page's gate; the server checks again). */
export const SIPA_REQUESTER_ROLES = ['officeholder'] as const satisfies readonly Role[];

/** Offices whose holders usually commission an integrity investigation (SIPA's own audience). */
const SIPA_OFFICES = ['burgemeester', 'commissaris_van_de_koning', 'waterschapsbestuurder'];

/** SIPA's advice requests in the web app (registered in src/web/case-types.ts). */
export const sipaCaseTypeView: CaseTypeView = {
  // SIPA_CASE_TYPE (src/shared/sipa.ts), written out: importing it would bring that module into the first load.
  type: 'sipa',
  texts: {
    type: 'cases.type.sipa',
    status: 'cases.status.sipa',
    next: 'cases.next.sipa',
    outcome: 'cases.outcome.sipa',
    timeline: 'sipa.timeline',
  },
  staff: { handlers: ['sipa_advisor'], grantees: [] },
  // Where the request stands in SIPA's process, and when the requester can take the call.
  queueSummary: (summary, t) => ({
    notes: typeof summary.phase === 'string' ? [t(`sipa.queue.phase.${summary.phase}`)] : [],
    facts:
      typeof summary.callTimes === 'string' && summary.callTimes !== ''
        ? [
            t('sipa.queue.callTimes', {
              times: summary.callTimes
                .split(',')
                .map((time) => t(`sipa.options.callTime.${time}`))
                .join(', '),
            }),
          ]
        : [],
  }),
  request: {
    path: WEB_PATHS.sipaRequest,
    roles: SIPA_REQUESTER_ROLES,
    page: async () => (await import('./SipaRequestPage.tsx')).SipaRequestPage,
    // Any office holder may ask; the menu offers it to those whose office usually does.
    nav: {
      label: 'cases.nav.sipa',
      placement: 'more',
      shownTo: (person) => SIPA_OFFICES.includes(person.office ?? ''),
    },
  },
  requesterPage: async () => (await import('./requester-parts.tsx')).sipaRequesterParts,
  staffPage: async () => (await import('./staff-parts.tsx')).sipaStaffParts,
};
