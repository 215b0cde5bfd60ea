import type { TFunction } from 'i18next';
import type { HandoverSummary, RegionKind } from '../../../shared/handover.ts';
import { currentLocale } from '../../i18n/index.ts';
import { formatDateTime } from '../../i18n/time.ts';

/** A calendar date (`YYYY-MM-DD`) in the reader's language: "12 maart 2026" / "12 March 2026". */
export function formatDay(date: string): string {
  return new Intl.DateTimeFormat(currentLocale() === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** A moment as a date in the Netherlands. */
export function formatMomentDay(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale() === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

/** A moment with its time of day: Dutch time, with the zone said when the browser's differs (i18n/time.ts). */
export function formatMoment(iso: string): string {
  return formatDateTime(iso);
}

/** Today in the Netherlands, as `YYYY-MM-DD` (for date inputs). */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export function officeText(t: TFunction, office: string): string {
  return t(`handover.offices.${office}`, { defaultValue: office });
}

/** "wethouder, Zwolle (gemeente)". */
export function appointmentText(t: TFunction, handover: Pick<HandoverSummary, 'office' | 'region' | 'regionKind'>) {
  return `${officeText(t, handover.office)}, ${handover.region} (${regionKindText(t, handover.regionKind).toLowerCase()})`;
}

export function regionKindText(t: TFunction, kind: RegionKind): string {
  return t(`handover.regionKinds.${kind}`);
}

export function sizeText(t: TFunction, bytes: number): string {
  return t('handover.download.size', { kb: Math.max(1, Math.round(bytes / 1024)) });
}
