import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import type { CaseTypeView } from '../cases/case-types.ts';

/** Who may ask the Ondersteuningsteam for support (the request page's gate; the server checks again). */
export const SUPPORT_REQUESTER_ROLES = ['officeholder', 'relative'] as const satisfies readonly Role[];

/** The Ondersteuningsteam's support requests in the web app (registered in src/web/case-types.ts). */
export const supportCaseTypeView: CaseTypeView = {
  // SUPPORT_CASE_TYPE (src/shared/support.ts), written out: importing it would bring that module into the first load.
  type: 'support',
  texts: {
    type: 'cases.type.support',
    status: 'cases.status.support',
    next: 'cases.next.support',
    outcome: 'cases.outcome.support',
  },
  staff: { handlers: ['confidant', 'ot_coordinator'], grantees: ['peer', 'expert'] },
  request: {
    path: WEB_PATHS.askSupport,
    roles: SUPPORT_REQUESTER_ROLES,
    page: async () => (await import('./SupportRequestPage.tsx')).SupportRequestPage,
    nav: { label: 'cases.nav.askSupport', placement: 'main' },
    myCasesLink: 'cases.mine.askSupport',
  },
  queueSummary: (summary, t) => ({
    notes: summary.concernForColleague === true ? [t('staff.queue.colleague')] : [],
    facts:
      typeof summary.association === 'string'
        ? [t(`support.association.${summary.association}`, { defaultValue: summary.association })]
        : [],
  }),
  requesterPage: async () => (await import('./requester-parts.tsx')).supportRequesterParts,
  staffPage: async () => (await import('./staff-parts.tsx')).supportStaffParts,
};
