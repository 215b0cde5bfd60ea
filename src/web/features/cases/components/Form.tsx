import type { ChangeEvent, ReactNode } from 'react';
import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '../../../ui/index.ts';

/**
 * Form fields with the NL Design System markup and the accessibility wiring every form needs: a label,
 * an optional description, the error message linked with aria-describedby and aria-invalid on the
 * control. The error summary links to `fieldAnchor(id, …)`.
 */

function describedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  const ids = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <FormFieldErrorMessage id={`${id}-error`} className="weerbaar-field-error">
      {error}
    </FormFieldErrorMessage>
  );
}

interface BaseProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  required?: boolean;
}

export function TextField({
  id,
  label,
  description,
  error,
  required,
  value,
  onChange,
  type = 'text',
  autoComplete,
  inputMode,
  maxLength,
}: BaseProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'tel' | 'email';
  autoComplete?: string;
  inputMode?: 'text' | 'tel' | 'numeric';
  maxLength?: number;
}) {
  return (
    <FormField invalid={Boolean(error)} type="text">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      <ErrorText id={id} error={error} />
      <div className="utrecht-form-field__input">
        <Textbox
          id={id}
          type={type}
          value={value}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          required={required}
          autoComplete={autoComplete}
          inputMode={inputMode}
          maxLength={maxLength}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        />
      </div>
    </FormField>
  );
}

export function TextareaField({
  id,
  label,
  description,
  error,
  required,
  value,
  onChange,
  maxLength,
  rows = 5,
}: BaseProps & { value: string; onChange: (value: string) => void; maxLength?: number; rows?: number }) {
  return (
    <FormField invalid={Boolean(error)} type="text">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      <ErrorText id={id} error={error} />
      <div className="utrecht-form-field__input">
        <Textarea
          id={id}
          value={value}
          rows={rows}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          required={required}
          maxLength={maxLength}
          onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        />
      </div>
    </FormField>
  );
}

export interface Choice {
  value: string;
  label: ReactNode;
  description?: ReactNode;
}

/** The element the error summary moves to for a group of choices: its first option. */
export function fieldAnchor(id: string, choices?: readonly Choice[]): string {
  return choices && choices.length > 0 ? `${id}-${choices[0]?.value}` : id;
}

interface ChoiceGroupProps {
  id: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  choices: readonly Choice[];
}

function ChoiceFieldset({
  id,
  legend,
  description,
  error,
  children,
}: Omit<ChoiceGroupProps, 'choices'> & { children: ReactNode }) {
  return (
    <Fieldset
      id={id}
      invalid={Boolean(error)}
      aria-describedby={describedBy(id, description, error)}
      className="weerbaar-fieldset"
    >
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      <ErrorText id={id} error={error} />
      {children}
    </Fieldset>
  );
}

function ChoiceDescription({ id, description }: { id: string; description: ReactNode }) {
  if (!description) return null;
  return (
    <FormFieldDescription id={`${id}-description`} className="weerbaar-choice__description">
      {description}
    </FormFieldDescription>
  );
}

export function RadioGroup({
  value,
  onChange,
  ...props
}: ChoiceGroupProps & { value: string | undefined; onChange: (value: string) => void }) {
  return (
    <ChoiceFieldset {...props}>
      {props.choices.map((choice) => {
        const optionId = `${props.id}-${choice.value}`;
        return (
          <FormField key={choice.value} type="radio" className="weerbaar-choice">
            <div className="utrecht-form-field__input">
              <RadioButton
                id={optionId}
                name={props.id}
                value={choice.value}
                checked={value === choice.value}
                invalid={Boolean(props.error)}
                aria-describedby={choice.description ? `${optionId}-description` : undefined}
                onChange={() => onChange(choice.value)}
              />
            </div>
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor={optionId} type="radio" checked={value === choice.value}>
                {choice.label}
              </FormLabel>
            </div>
            <ChoiceDescription id={optionId} description={choice.description} />
          </FormField>
        );
      })}
    </ChoiceFieldset>
  );
}

export function CheckboxGroup({
  value,
  onChange,
  ...props
}: ChoiceGroupProps & { value: readonly string[]; onChange: (value: string[]) => void }) {
  return (
    <ChoiceFieldset {...props}>
      {props.choices.map((choice) => {
        const optionId = `${props.id}-${choice.value}`;
        const checked = value.includes(choice.value);
        return (
          <FormField key={choice.value} type="checkbox" className="weerbaar-choice">
            <div className="utrecht-form-field__input">
              <Checkbox
                id={optionId}
                name={props.id}
                value={choice.value}
                checked={checked}
                invalid={Boolean(props.error)}
                aria-describedby={choice.description ? `${optionId}-description` : undefined}
                onChange={() =>
                  onChange(checked ? value.filter((item) => item !== choice.value) : [...value, choice.value])
                }
              />
            </div>
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor={optionId} type="checkbox" checked={checked}>
                {choice.label}
              </FormLabel>
            </div>
            <ChoiceDescription id={optionId} description={choice.description} />
          </FormField>
        );
      })}
    </ChoiceFieldset>
  );
}

/** One checkbox on its own (a consent, a confirmation). */
export function SingleCheckbox({
  id,
  label,
  description,
  error,
  checked,
  onChange,
}: BaseProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <FormField type="checkbox" invalid={Boolean(error)} className="weerbaar-choice">
      <ErrorText id={id} error={error} />
      <div className="utrecht-form-field__input">
        <Checkbox
          id={id}
          checked={checked}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          onChange={(event) => onChange(event.target.checked)}
        />
      </div>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id} type="checkbox" checked={checked}>
          {label}
        </FormLabel>
      </div>
      <ChoiceDescription id={id} description={description} />
    </FormField>
  );
}

export function SelectField({
  id,
  label,
  description,
  error,
  value,
  onChange,
  choices,
  placeholder,
}: BaseProps & {
  value: string;
  onChange: (value: string) => void;
  choices: readonly { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <FormField invalid={Boolean(error)} type="text">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      <ErrorText id={id} error={error} />
      <div className="utrecht-form-field__input">
        <Select
          id={id}
          value={value}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
        >
          {placeholder !== undefined && <SelectOption value="">{placeholder}</SelectOption>}
          {choices.map((choice) => (
            <SelectOption key={choice.value} value={choice.value}>
              {choice.label}
            </SelectOption>
          ))}
        </Select>
      </div>
    </FormField>
  );
}
