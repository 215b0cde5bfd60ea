import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AFTERCARE_NOTE_MAX_LENGTH,
  AFTERCARE_QUESTION_KEYS,
  AFTERCARE_QUESTIONS,
  type AftercareAnswers,
  type AftercareCheckIn,
  type AftercareQuestion,
} from '../../../shared/aftercare.ts';
import { Alert, Button, ErrorSummary, fieldAnchor, Paragraph, RadioGroup, TextareaField } from '../../ui/index.ts';
import { answerText } from './AnswersView.tsx';
import { formatDate, problemText, useAnswerCheckIn } from './data.ts';

/**
 * One check-in: a few calm, practical questions (sleep, work, family; anything new; want contact), each
 * with "Ik beantwoord dit liever niet", and a free text. No scale, no score, nothing chosen beforehand.
 */
export function CheckInForm({
  checkIn,
  onAnswered,
}: {
  checkIn: AftercareCheckIn;
  onAnswered: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Partial<Record<AftercareQuestion, string>>>({});
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<AftercareQuestion[]>([]);
  const [attempt, setAttempt] = useState(0);
  const answer = useAnswerCheckIn();
  const idOf = (question: AftercareQuestion) => `checkin-${checkIn.id}-${question}`;
  const choicesOf = (question: AftercareQuestion) =>
    AFTERCARE_QUESTIONS[question].map((value) => ({ value, label: answerText(t, question, value) }));

  const submit = () => {
    const open = AFTERCARE_QUESTION_KEYS.filter((question) => !answers[question]);
    setMissing(open);
    setAttempt((count) => count + 1);
    if (open.length > 0) return;
    const body = { ...answers, ...(note.trim() ? { note: note.trim() } : {}) } as AftercareAnswers;
    answer.mutate({ checkInId: checkIn.id, answers: body }, { onSuccess: () => onAnswered(t('aftercare.form.sent')) });
  };

  return (
    <form
      noValidate
      className="weerbaar-aftercare-checkin"
      aria-label={t('aftercare.form.legendCheckIn', { date: formatDate(checkIn.dueAt) })}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ErrorSummary
        heading={t('aftercare.form.errorSummary', { count: missing.length })}
        problems={missing.map((question) => ({
          fieldId: fieldAnchor(idOf(question), choicesOf(question)),
          message: t('aftercare.form.choose', { question: t(`aftercare.form.question.${question}`) }),
        }))}
        attempt={attempt}
      />
      {AFTERCARE_QUESTION_KEYS.map((question) => (
        <RadioGroup
          key={question}
          id={idOf(question)}
          legend={t(`aftercare.form.question.${question}`)}
          choices={choicesOf(question)}
          value={answers[question]}
          onValueChange={(value) => {
            setAnswers((current) => ({ ...current, [question]: value }));
            setMissing((current) => current.filter((item) => item !== question));
          }}
          error={
            missing.includes(question)
              ? t('aftercare.form.choose', { question: t(`aftercare.form.question.${question}`) })
              : undefined
          }
        />
      ))}
      <TextareaField
        id={`checkin-${checkIn.id}-note`}
        label={t('aftercare.form.note')}
        description={t('aftercare.form.noteHint')}
        value={note}
        onValueChange={setNote}
        maxLength={AFTERCARE_NOTE_MAX_LENGTH}
        rows={4}
      />
      {answer.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemText(t, answer.error)}</Paragraph>
        </Alert>
      )}
      <Button type="submit" appearance="primary-action-button" disabled={answer.isPending}>
        {answer.isPending ? t('aftercare.form.sending') : t('aftercare.form.send')}
      </Button>
    </form>
  );
}
