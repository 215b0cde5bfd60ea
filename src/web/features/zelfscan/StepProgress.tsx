import { useTranslation } from 'react-i18next';

/** "Stap 2 van 4" in words, with a bar of one segment per step that only repeats it visually. */
export function StepProgress({ step, steps }: { step: number; steps: number }) {
  const { t } = useTranslation();
  return (
    <div className="weerbaar-progress">
      <p className="weerbaar-progress__text">{t('zelfscan.stepOf', { current: step + 1, total: steps })}</p>
      <ol className="weerbaar-progress__bar" aria-hidden="true">
        {Array.from({ length: steps }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one segment per step, the index is its identity
          <li key={index} className={index <= step ? 'weerbaar-progress__segment--done' : undefined} />
        ))}
      </ol>
    </div>
  );
}
