import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import type { CaseTypeView } from '../cases/case-types.ts';

/** Who may open the woningscan page (eligibility is explained there per office; the server checks again). */
export const WONINGSCAN_REQUESTER_ROLES = ['officeholder'] as const satisfies readonly Role[];

/** The CCV's woningscan and veiligheidsgesprek in the web app (registered in src/web/case-types.ts). */
export const woningscanCaseTypeView: CaseTypeView = {
  // WONINGSCAN_CASE_TYPE (src/shared/woningscan.ts), written out: importing it would bring that module into the first load.
  type: 'woningscan',
  texts: {
    type: 'woningscan.caseType',
    status: 'woningscan.status',
    next: 'woningscan.next',
    outcome: 'woningscan.outcome',
    timeline: 'woningscan.timeline',
  },
  staff: { handlers: ['ccv_advisor'], grantees: [] },
  request: {
    path: WEB_PATHS.woningscan,
    roles: WONINGSCAN_REQUESTER_ROLES,
    page: async () => (await import('./WoningscanPage.tsx')).WoningscanPage,
    // Every office holder sees the entry: a raadslid learns there what they can get instead.
    nav: { label: 'woningscan.nav', placement: 'more' },
  },
  // Routing facts only: whether times are waiting for an answer and where the appointment stands.
  queueSummary: (summary, t) => {
    const openSlots = typeof summary.openSlots === 'number' ? summary.openSlots : 0;
    const appointment = typeof summary.appointment === 'string' ? summary.appointment : 'none';
    return {
      notes: openSlots > 0 ? [t('woningscan.queue.openSlots', { count: openSlots })] : [],
      facts: appointment === 'none' ? [] : [t(`woningscan.queue.appointment.${appointment}`, { defaultValue: '' })],
    };
  },
  requesterPage: async () => (await import('./requester-parts.tsx')).woningscanRequesterParts,
  staffPage: async () => (await import('./staff-parts.tsx')).woningscanStaffParts,
};
