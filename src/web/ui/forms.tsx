import {
  Checkbox,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Select,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import {
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useRef,
} from 'react';
import './forms.css';

/** One problem with a form field, as the error summary lists it. */
export interface FieldProblem {
  /** The id of the input the message belongs to. */
  fieldId: string;
  message: string;
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

interface FieldFrame {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
}

/**
 * A text input with its label, an optional description and its error message, all linked with
 * aria-describedby so a screen reader reads them with the field (WCAG 1.3.1, 3.3.1).
 */
export function TextField({
  id,
  label,
  description,
  error,
  onValueChange,
  className,
  ...input
}: FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> & {
    onValueChange: (value: string) => void;
  }) {
  return (
    <FormField invalid={Boolean(error)} className={className}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="utrecht-form-field__input">
        <Textbox
          id={id}
          invalid={Boolean(error)}
          aria-describedby={describedBy(description !== undefined && `${id}-description`, error && `${id}-error`)}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onValueChange(event.target.value)}
          {...input}
        />
      </div>
    </FormField>
  );
}

/** A multi-line text input (e.g. a page text in Markdown), framed like TextField. */
export function TextareaField({
  id,
  label,
  description,
  error,
  onValueChange,
  className,
  ...textarea
}: FieldFrame &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange'> & {
    onValueChange: (value: string) => void;
  }) {
  return (
    <FormField invalid={Boolean(error)} className={className}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="utrecht-form-field__input">
        <Textarea
          id={id}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(description !== undefined && `${id}-description`, error && `${id}-error`)}
          onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onValueChange(event.target.value)}
          {...textarea}
        />
      </div>
    </FormField>
  );
}

export function SelectField({
  id,
  label,
  description,
  error,
  options,
  onValueChange,
  ...select
}: FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange'> & {
    options: { value: string; label: string }[];
    onValueChange: (value: string) => void;
  }) {
  return (
    <FormField invalid={Boolean(error)}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="utrecht-form-field__input">
        <Select
          id={id}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(description !== undefined && `${id}-description`, error && `${id}-error`)}
          onChange={(event: ChangeEvent<HTMLSelectElement>) => onValueChange(event.target.value)}
          {...select}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </div>
    </FormField>
  );
}

export function CheckboxField({
  id,
  label,
  description,
  checked,
  onCheckedChange,
  disabled,
  error,
}: {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  disabled?: boolean;
  error?: string | undefined;
}) {
  return (
    <FormField type="checkbox" invalid={Boolean(error)} className="weerbaar-choice">
      <div className="weerbaar-checkbox">
        <Checkbox
          id={id}
          checked={checked}
          disabled={disabled}
          invalid={Boolean(error)}
          aria-describedby={describedBy(description !== undefined && `${id}-description`, error && `${id}-error`)}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onCheckedChange(event.target.checked)}
        />
        <FormLabel htmlFor={id} type="checkbox">
          {label}
        </FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="weerbaar-checkbox__description">
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="weerbaar-checkbox__description">
          {error}
        </FormFieldErrorMessage>
      )}
    </FormField>
  );
}

/**
 * The list of everything that stops a form from being sent, at the top of the form. It takes focus
 * each time it appears (or the form is sent again with problems), and each item links to its field.
 */
export function ErrorSummary({
  heading,
  problems,
  attempt,
}: {
  heading: string;
  problems: FieldProblem[];
  /** Changes on every attempt to send, so focus moves here again. */
  attempt: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const hasProblems = problems.length > 0;
  // Focus moves on each new attempt, not when a single message changes while typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger on purpose
  useEffect(() => {
    if (hasProblems) ref.current?.focus();
  }, [attempt, hasProblems]);
  if (problems.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="weerbaar-error-summary">
      <Heading2 className="weerbaar-error-summary__heading">{heading}</Heading2>
      <ul className="weerbaar-error-summary__list">
        {problems.map((problem) => (
          <li key={`${problem.fieldId}-${problem.message}`}>
            <a
              className="utrecht-link utrecht-link--html-a"
              href={`#${problem.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                const field = document.getElementById(problem.fieldId);
                field?.focus();
                field?.scrollIntoView({ block: 'center' });
              }}
            >
              {problem.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
