import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AFTERCARE_QUESTION_KEYS,
  AFTERCARE_QUESTIONS,
  AFTERCARE_YES_NO_OPTIONS,
  type AftercareQuestion,
} from '../../../shared/aftercare.ts';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Paragraph } from '../../ui/index.ts';
import { problemText, useCheckInAnswers } from './data.ts';

/** The words of one answer: "Goed", "Ja", "Ik beantwoord dit liever niet". */
export function answerText(t: TFunction, question: AftercareQuestion, answer: string): string {
  const group = AFTERCARE_QUESTIONS[question] === AFTERCARE_YES_NO_OPTIONS ? 'yesNo' : 'going';
  return t(`aftercare.form.${group}.${answer}`);
}

/**
 * One check-in's answers, behind a button: they load only when someone asks to see them, because every
 * look by someone other than the one who answered is audited on the server (and shown in their access log).
 */
export function AnswersView({ checkInId, label }: { checkInId: string; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const answers = useCheckInAnswers(checkInId, open);
  const regionId = useId();
  return (
    <div className="weerbaar-aftercare-answers">
      <Button
        appearance="secondary-action-button"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => setOpen((current) => !current)}
      >
        {open ? t('aftercare.checkIns.hide') : label}
      </Button>
      <div id={regionId}>
        {open && answers.isPending && <Paragraph role="status">{t('aftercare.loading')}</Paragraph>}
        {open && answers.isError && (
          <Alert type="error">
            <Paragraph>{problemText(t, answers.error)}</Paragraph>
          </Alert>
        )}
        {open && answers.data && (
          <DataList className="weerbaar-aftercare-answers__list">
            {AFTERCARE_QUESTION_KEYS.map((question) => (
              <DataListItem key={question}>
                <DataListKey>{t(`aftercare.form.question.${question}`)}</DataListKey>
                <DataListValue>{answerText(t, question, answers.data.answers[question])}</DataListValue>
              </DataListItem>
            ))}
            <DataListItem>
              <DataListKey>{t('aftercare.answers.note')}</DataListKey>
              <DataListValue className="weerbaar-aftercare-text">
                {answers.data.answers.note ?? t('aftercare.answers.noNote')}
              </DataListValue>
            </DataListItem>
          </DataList>
        )}
      </div>
    </div>
  );
}
