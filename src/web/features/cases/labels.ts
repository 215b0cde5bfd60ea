import { useTranslation } from 'react-i18next';
import type { CaseType } from '../../../shared/cases.ts';
import { caseTypeTexts } from './case-types.ts';

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

/**
 * Status, next step, outcome and event keys as the API gives them, in plain words: in the type's own
 * words where its view registered them (case-types.ts), else in words every case shares.
 */
export function useCaseLabels() {
  const { t } = useTranslation();
  return {
    status: (type: CaseType, status: string) =>
      t(`${caseTypeTexts(type).status}.${status}`, {
        defaultValue: t(`cases.status.any.${status}`, { defaultValue: status }),
      }),
    next: (type: CaseType, nextStep: string) =>
      t(`${caseTypeTexts(type).next}.${nextStep}`, { defaultValue: t('cases.next.unknown') }),
    outcome: (type: CaseType, outcome: string) =>
      t(`${caseTypeTexts(type).outcome}.${outcome}`, {
        defaultValue: t(`cases.outcome.any.${outcome}`, { defaultValue: outcome }),
      }),
    type: (type: string) => t(caseTypeTexts(type).type),
    /** A timeline event; `values` fill in who, from and to. */
    event: (type: CaseType, kind: string, values: Record<string, string>) => {
      const shared = t(`cases.timeline.kind.${kind}`, { ...values, defaultValue: t('cases.timeline.kind.other') });
      const own = caseTypeTexts(type).timeline;
      return own ? t(`${own}.${kind}`, { ...values, defaultValue: shared }) : shared;
    },
  };
}
