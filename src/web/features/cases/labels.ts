import { useTranslation } from 'react-i18next';
import type { CaseType } from '../../../shared/cases.ts';

type Target = { amount: number; unit: 'minutes' | 'working_days' } | undefined;

/** "within 60 minutes", "within 1 working day": the first-response target in words. */
export function useTargetText(target: Target): string | null {
  const { t } = useTranslation();
  if (!target) return null;
  if (target.unit === 'minutes' && target.amount % 60 === 0 && target.amount >= 120) {
    return t('cases.target.hours', { count: target.amount / 60 });
  }
  return t(`cases.target.${target.unit}`, { count: target.amount });
}

/** Status, next step and outcome keys as the API gives them, in plain words. */
export function useCaseLabels() {
  const { t } = useTranslation();
  return {
    status: (type: CaseType, status: string) =>
      t(`cases.status.${type}.${status}`, { defaultValue: t(`cases.status.any.${status}`, { defaultValue: status }) }),
    next: (type: CaseType, nextStep: string) =>
      t(`cases.next.${type}.${nextStep}`, { defaultValue: t('cases.next.unknown') }),
    outcome: (type: CaseType, outcome: string) =>
      t(`cases.outcome.${type}.${outcome}`, {
        defaultValue: t(`cases.outcome.any.${outcome}`, { defaultValue: outcome }),
      }),
    type: (type: string) => t(`cases.type.${type}`),
  };
}
