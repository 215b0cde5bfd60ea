import { useTranslation } from 'react-i18next';
import type { HandoverWayInView } from '../../../shared/handover.ts';
import { formatMomentDay } from './labels.ts';

/**
 * The one way in of a handover, in words: "the link in the e-mail of 3 March (works until 10 March)",
 * "the QR code and code in the package printed on 4 March (until 3 May)", or that there is none. The
 * list, the detail page and the print section say it the same way.
 */
export function wayInText(t: ReturnType<typeof useTranslation>['t'], wayIn: HandoverWayInView): string {
  if (wayIn.kind === 'none' || !wayIn.since || !wayIn.until) return t('handover.wayIn.none');
  return t(`handover.wayIn.${wayIn.kind}`, {
    since: formatMomentDay(wayIn.since),
    until: formatMomentDay(wayIn.until),
  });
}

export function WayIn({ wayIn }: { wayIn: HandoverWayInView | null }) {
  const { t } = useTranslation();
  return <>{wayIn ? wayInText(t, wayIn) : t('handover.wayIn.activated')}</>;
}
