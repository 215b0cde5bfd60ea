import type { PersonalDataContribution } from '../../lib/personal-data.ts';

/**
 * The woningscan is a case type: its row is part of the requester's case, so the `cases` section of the
 * export carries it (the type's part, as the type presents it to the requester), and the case core's
 * erasure and retention remove it (the type's onErase hook).
 */
export const WONINGSCAN_PERSONAL_DATA: PersonalDataContribution = {
  exclusions: [
    {
      table: 'woningscan_cases',
      reason:
        'Not a section of its own: each row belongs to one of the requester’s cases and is exported in the cases section, as the type shows it to the requester.',
    },
    {
      table: 'woningscan_scheme_revisions',
      reason:
        'Public scheme texts; the admin who edited a revision is a work record (the link is emptied when their account is deleted), not data about a person using Weerbaar.',
    },
  ],
  retention: [
    {
      category: 'woningscan_cases',
      tables: ['woningscan_cases', 'woningscan_slots', 'woningscan_measures'],
      keepDays: null,
      startsAt: '—',
      reason:
        'Part of the case: destroyed with its content after the woningscan retention term; the home address goes as soon as the visit is recorded or the case closes.',
      enforcedBy: 'cases.retention (with the case)',
    },
  ],
};
