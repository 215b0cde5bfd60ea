import type { TFunction } from 'i18next';
import type { DayPart, OpenSession } from '../../../shared/training.ts';
import { TRAINING_TIME_ZONE } from '../../../shared/training-time.ts';
import { ApiError } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';

/** Training times are always shown in Dutch time, in the reader's language. */

export function formatDay(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    timeZone: TRAINING_TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso));
}

export function formatMoment(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    timeZone: TRAINING_TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** "maandag 1 februari 2027, 09:00–17:00". */
export function partText(part: DayPart): string {
  return `${formatDay(part.startsAt)}, ${part.start}–${part.end}`;
}

export function officeText(t: TFunction, office: string | null): string {
  return office ? t(`training.offices.${office}`, { defaultValue: office }) : t('training.unknown');
}

export function titleOf(offering: OpenSession['offering'] | { titleNl: string; titleEn: string }): string {
  return currentLocale() === 'en' ? offering.titleEn : offering.titleNl;
}

export function descriptionOf(offering: { descriptionNl: string; descriptionEn: string }): string {
  return currentLocale() === 'en' ? offering.descriptionEn : offering.descriptionNl;
}

export function durationText(t: TFunction, days: number): string {
  return t('training.duration', { count: days, days: new Intl.NumberFormat(currentLocale()).format(days) });
}

/** One calm sentence for a failed call: the problem's code when this page knows it. */
export function trainingProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return t('training.problems.signedOut');
    return t(`training.problems.${error.code}`, { defaultValue: t('training.problems.unknown') });
  }
  return t('training.problems.network');
}
