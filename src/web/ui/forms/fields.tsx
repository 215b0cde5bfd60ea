import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { ChangeEvent, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/**
 * Form fields with the NL Design System markup and the accessibility wiring every form needs: a label,
 * an optional description and the error message, linked to the control with aria-describedby, and the
 * control marked invalid (aria-invalid) while there is an error (WCAG 1.3.1, 3.3.1). The ids are fixed:
 * `<id>-description` and `<id>-error`; the error summary links to the control's id (see `fieldAnchor`).
 */
export interface FieldFrame {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
}

/** The ids of the description and the error message of field `id`, for aria-describedby. */
export function describedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  const ids = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The description and the error message of a field or a group, with the ids `describedBy` names. */
export function FieldMessages({
  id,
  description,
  error,
  className = { description: 'utrecht-form-field__description', error: 'utrecht-form-field__error-message' },
}: Omit<FieldFrame, 'label'> & { className?: { description: string; error: string } }) {
  return (
    <>
      {description && (
        <FormFieldDescription id={`${id}-description`} className={className.description}>
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className={className.error}>
          {error}
        </FormFieldErrorMessage>
      )}
    </>
  );
}

/** The frame every single-control field shares: label, description, error, then the control. */
function Field({ id, label, description, error, className, children }: FieldFrame & FrameProps) {
  return (
    <FormField invalid={Boolean(error)} className={className}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      <FieldMessages id={id} description={description} error={error} />
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

interface FrameProps {
  className?: string | undefined;
  children?: ReactNode;
}

/** The props of a field around the control with HTML attributes `A`: the frame, the value, and the control's own. */
type FieldProps<A> = FieldFrame &
  FrameProps &
  Omit<A, 'id' | 'onChange' | 'children'> & {
    onValueChange: (value: string) => void;
  };

/**
 * Splits a field's props into the frame's and the control's: its id, its invalid state, the ids of its
 * description and error, and every other attribute the caller gave (which win).
 */
function splitField<P extends FieldFrame & FrameProps>({ id, label, description, error, className, ...rest }: P) {
  return {
    frame: { id, label, description, error, className },
    control: { id, invalid: Boolean(error), 'aria-describedby': describedBy(id, description, error), ...rest },
  };
}

export function TextField({ onValueChange, ...props }: FieldProps<InputHTMLAttributes<HTMLInputElement>>) {
  const { frame, control } = splitField(props);
  return (
    <Field {...frame}>
      <Textbox onChange={(event: ChangeEvent<HTMLInputElement>) => onValueChange(event.target.value)} {...control} />
    </Field>
  );
}

/** A multi-line text input (a message, a page text in Markdown), five rows unless told otherwise. */
export function TextareaField({
  onValueChange,
  rows = 5,
  ...props
}: FieldProps<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { frame, control } = splitField(props);
  return (
    <Field {...frame}>
      <Textarea
        rows={rows}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onValueChange(event.target.value)}
        {...control}
      />
    </Field>
  );
}

/** A choice from a list; with `placeholder`, an empty first option (e.g. "Choose a person"). */
export function SelectField({
  onValueChange,
  options,
  placeholder,
  ...props
}: FieldProps<SelectHTMLAttributes<HTMLSelectElement>> & {
  options: readonly { value: string; label: string }[];
  placeholder?: string | undefined;
}) {
  const { frame, control } = splitField(props);
  return (
    <Field {...frame}>
      <Select onChange={(event: ChangeEvent<HTMLSelectElement>) => onValueChange(event.target.value)} {...control}>
        {placeholder !== undefined && <SelectOption value="">{placeholder}</SelectOption>}
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </Field>
  );
}
