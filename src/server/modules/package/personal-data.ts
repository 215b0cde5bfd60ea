import type { PersonalDataContribution } from '../../lib/personal-data.ts';

/** The package is public content; an admin's edit names its author only as a link that goes with the account. */
export const PACKAGE_PERSONAL_DATA: PersonalDataContribution = {
  exclusions: [
    {
      table: 'package_part_revisions',
      reason:
        'Public package texts; the admin who edited a revision is a work record (the link is emptied when their account is deleted), not data about a person using Weerbaar.',
    },
  ],
};
