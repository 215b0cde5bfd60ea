import { useTranslation } from 'react-i18next';
import type { Question } from '../../../shared/zelfscan/questionnaire.ts';
import {
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
} from '../../ui/index.ts';
import { useContentText } from './content-text.ts';

interface Props {
  question: Question;
  number: number;
  value: string | undefined;
  invalid: boolean;
  onChange: (optionId: string) => void;
}

/** The id of a question's first radio button, where the error summary sends focus. */
export const firstOptionId = (question: Question) => `vraag-${question.id}-${question.options[0]?.id ?? ''}`;

/** One question as a native radio group: fieldset and legend, arrow keys move between the options. */
export function QuestionField({ question, number, value, invalid, onChange }: Props) {
  const { t } = useTranslation();
  const text = useContentText();
  const hintId = `vraag-${question.id}-uitleg`;
  const errorId = `vraag-${question.id}-fout`;
  const describedBy = [question.hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <Fieldset className="weerbaar-question" role="radiogroup" required invalid={invalid} aria-describedby={describedBy}>
      <FieldsetLegend className="weerbaar-question__legend">
        {t('zelfscan.questionNumber', { number })} {text(question.text)}
      </FieldsetLegend>
      {question.hint && <FormFieldDescription id={hintId}>{text(question.hint)}</FormFieldDescription>}
      {invalid && <FormFieldErrorMessage id={errorId}>{t('zelfscan.questionRequired')}</FormFieldErrorMessage>}
      {question.options.map((option) => {
        const id = `vraag-${question.id}-${option.id}`;
        return (
          <FormField
            key={option.id}
            type="radio"
            input={
              <RadioButton
                id={id}
                name={question.id}
                value={option.id}
                checked={value === option.id}
                invalid={invalid}
                onChange={() => onChange(option.id)}
              />
            }
            label={
              <FormLabel htmlFor={id} type="radio" checked={value === option.id}>
                {text(option.label)}
              </FormLabel>
            }
          />
        );
      })}
    </Fieldset>
  );
}
