import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../../shared/zelfscan/shipped.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Heading1 } from '../../ui/index.ts';
import { useContentText } from './content-text.ts';
import { StepForm } from './StepForm.tsx';
import { type ScanState, useScanStore } from './store.ts';
import { ZelfscanIntro } from './ZelfscanIntro.tsx';
import '../../ui/prose.css';
import './zelfscan.css';

const steps = questionnaire.categories.map((category) => ({
  category,
  questions: questionnaire.questions.filter((question) => question.category === category.id),
}));
/** Questions are numbered across the whole scan (1-18), so "question 7" means the same on every step. */
const firstNumbers = steps.map((_, index) =>
  steps.slice(0, index).reduce((count, step) => count + step.questions.length, 1),
);

const emptyScan = (): ScanState => ({ version: questionnaire.version, answers: {}, step: 0 });

/**
 * The anonymous zelfscan: an introduction, then one step per category. Everything happens in this
 * browser tab; the answers go to the scan store (session storage) and nowhere else.
 */
export function ZelfscanPage() {
  const { t } = useTranslation();
  const text = useContentText();
  const navigate = useNavigate();
  const store = useScanStore();
  // "Change my answers" on the result page comes back here straight into the first step.
  const review = (useLocation().state as { review?: boolean } | null)?.review === true;
  const [scan, setScan] = useState<ScanState>(() => {
    const stored = store.load(questionnaire) ?? emptyScan();
    return review ? { ...stored, step: 0 } : stored;
  });
  const [started, setStarted] = useState(review);
  const current = steps[Math.min(scan.step, steps.length - 1)];
  usePageTitle(
    started && current
      ? t('zelfscan.stepTitle', { current: scan.step + 1, total: steps.length, category: text(current.category.title) })
      : t('zelfscan.title'),
  );

  const update = (next: ScanState) => {
    setScan(next);
    store.save(next);
  };

  if (!started || !current) {
    return (
      <div className="weerbaar-prose">
        <Heading1>{t('zelfscan.title')}</Heading1>
        <ZelfscanIntro
          inProgress={Object.keys(scan.answers).length > 0}
          onStart={() => {
            // A finished scan reopens at its first step, to review the answers.
            if (scan.step >= steps.length) update({ ...scan, step: 0 });
            setStarted(true);
          }}
          onRestart={() => {
            store.clear();
            setScan(emptyScan());
            setStarted(true);
          }}
        />
      </div>
    );
  }

  return (
    <div className="weerbaar-prose">
      <Heading1>{t('zelfscan.title')}</Heading1>
      <StepForm
        key={scan.step}
        category={current.category}
        questions={current.questions}
        firstNumber={firstNumbers[scan.step] ?? 1}
        step={scan.step}
        steps={steps.length}
        answers={scan.answers}
        onAnswer={(questionId, optionId) => update({ ...scan, answers: { ...scan.answers, [questionId]: optionId } })}
        onBack={() => (scan.step === 0 ? setStarted(false) : update({ ...scan, step: scan.step - 1 }))}
        onNext={() => {
          const step = scan.step + 1;
          update({ ...scan, step });
          if (step >= steps.length) void navigate(WEB_PATHS.zelfscanResult);
        }}
      />
    </div>
  );
}
