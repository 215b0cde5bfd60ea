import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, Question } from '../../../shared/zelfscan/questionnaire.ts';
import { Button, ButtonGroup, Heading2, Paragraph } from '../../ui/index.ts';
import { useContentText } from './content-text.ts';
import { firstOptionId, QuestionField } from './QuestionField.tsx';
import { StepErrors } from './StepErrors.tsx';
import { StepProgress } from './StepProgress.tsx';

interface Props {
  category: Category;
  questions: Question[];
  /** Number of the first question on this step (questions are numbered across the whole scan). */
  firstNumber: number;
  step: number;
  steps: number;
  answers: Record<string, string>;
  onAnswer: (questionId: string, optionId: string) => void;
  onBack: () => void;
  onNext: () => void;
}

/** One category of the scan. Moving on needs every question answered; what is missing is announced. */
export function StepForm({ category, questions, firstNumber, step, steps, answers, onAnswer, onBack, onNext }: Props) {
  const { t } = useTranslation();
  const text = useContentText();
  const heading = useRef<HTMLHeadingElement>(null);
  // The questions found unanswered at the last attempt to go on; the summary shows them until the next
  // attempt (so it does not shift while someone works through it), each question's own message until answered.
  const [attempt, setAttempt] = useState<{ count: number; missing: Question[] }>({ count: 0, missing: [] });

  // Each step is mounted afresh (keyed by step): its heading takes focus, so screen readers say where they are.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = questions.filter((question) => answers[question.id] === undefined);
    setAttempt({ count: attempt.count + 1, missing });
    if (missing.length === 0) onNext();
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="zelfscan-step-heading">
      <StepProgress step={step} steps={steps} />
      <Heading2 id="zelfscan-step-heading" ref={heading} tabIndex={-1} className="weerbaar-step-heading">
        {text(category.title)}
      </Heading2>
      <Paragraph>{text(category.intro)}</Paragraph>
      {attempt.missing.length > 0 && (
        <StepErrors
          key={attempt.count}
          items={attempt.missing.map((question) => ({
            targetId: firstOptionId(question),
            label: t('zelfscan.missingAnswer', {
              number: firstNumber + questions.indexOf(question),
              question: text(question.text),
            }),
          }))}
        />
      )}
      {questions.map((question, index) => (
        <QuestionField
          key={question.id}
          question={question}
          number={firstNumber + index}
          value={answers[question.id]}
          invalid={attempt.missing.includes(question) && answers[question.id] === undefined}
          onChange={(optionId) => onAnswer(question.id, optionId)}
        />
      ))}
      <ButtonGroup className="weerbaar-step-buttons">
        <Button type="button" appearance="secondary-action-button" onClick={onBack}>
          {t('zelfscan.previous')}
        </Button>
        <Button type="submit" appearance="primary-action-button">
          {step + 1 === steps ? t('zelfscan.finish') : t('zelfscan.next')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
