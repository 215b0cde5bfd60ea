import { afterEach, describe, expect, it } from 'vitest';
import { formatDateTime as authDateTime } from '../features/auth/messages.ts';
import { formatDateTime as caseDateTime } from '../features/cases/format.ts';
import { formatWhen } from '../features/content-admin/messages.ts';
import { formatMoment } from '../features/handover/labels.ts';

/**
 * One time rule (issue 12): the same minute read 17:19 on one page (the browser's zone) and 18:20 on
 * another (Dutch time). Every page's formatter now shows Dutch time, whatever the browser's zone.
 */
describe('one time rule: Europe/Amsterdam', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('shows the same Dutch time on every page, also in a browser in another zone', () => {
    process.env.TZ = 'America/New_York';
    const minute = '2026-12-04T17:20:00.000Z';
    for (const format of [authDateTime, caseDateTime, formatMoment, (iso: string) => formatWhen(iso, 'nl')]) {
      const text = format(minute);
      expect(text).toContain('18:20');
      expect(text).not.toContain('12:20');
    }
  });
});
