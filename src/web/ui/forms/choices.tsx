import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  RadioButton,
} from '@utrecht/component-library-react';
import type { ChangeEvent, ReactNode } from 'react';
import { describedBy, type FieldFrame, FieldMessages } from './fields.tsx';

/** One option of a radio or checkbox group. Its input gets the id `<group id>-<value>`. */
export interface Choice {
  value: string;
  label: ReactNode;
  description?: ReactNode;
}

/**
 * The id of the element an error summary links to for field `id`: for a group of choices its first
 * option (a fieldset cannot take focus), otherwise the control itself.
 */
export function fieldAnchor(id: string, choices?: readonly Choice[]): string {
  return choices && choices.length > 0 ? `${id}-${choices[0]?.value}` : id;
}

interface ChoiceGroupProps extends Omit<FieldFrame, 'label'> {
  legend: ReactNode;
  choices: readonly Choice[];
}

/** A group of choices: a fieldset with its legend, description and error message. */
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
      <FieldMessages id={id} description={description} error={error} />
      {children}
    </Fieldset>
  );
}

/** One option in a group: the input, its label and an optional description of its own. */
function ChoiceOption({
  type,
  groupId,
  choice,
  checked,
  invalid,
  onChange,
}: {
  type: 'radio' | 'checkbox';
  groupId: string;
  choice: Choice;
  checked: boolean;
  invalid: boolean;
  onChange: () => void;
}) {
  const id = `${groupId}-${choice.value}`;
  const Input = type === 'radio' ? RadioButton : Checkbox;
  return (
    <FormField type={type} className="weerbaar-choice">
      <div className="utrecht-form-field__input">
        <Input
          id={id}
          name={groupId}
          value={choice.value}
          checked={checked}
          invalid={invalid}
          aria-describedby={choice.description ? `${id}-description` : undefined}
          onChange={onChange}
        />
      </div>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id} type={type} checked={checked}>
          {choice.label}
        </FormLabel>
      </div>
      {choice.description && (
        <FormFieldDescription id={`${id}-description`} className="weerbaar-choice__description">
          {choice.description}
        </FormFieldDescription>
      )}
    </FormField>
  );
}

export function RadioGroup({
  value,
  onValueChange,
  choices,
  ...group
}: ChoiceGroupProps & { value: string | undefined; onValueChange: (value: string) => void }) {
  return (
    <ChoiceFieldset {...group}>
      {choices.map((choice) => (
        <ChoiceOption
          key={choice.value}
          type="radio"
          groupId={group.id}
          choice={choice}
          checked={value === choice.value}
          invalid={Boolean(group.error)}
          onChange={() => onValueChange(choice.value)}
        />
      ))}
    </ChoiceFieldset>
  );
}

export function CheckboxGroup({
  value,
  onValueChange,
  choices,
  ...group
}: ChoiceGroupProps & { value: readonly string[]; onValueChange: (value: string[]) => void }) {
  return (
    <ChoiceFieldset {...group}>
      {choices.map((choice) => {
        const checked = value.includes(choice.value);
        return (
          <ChoiceOption
            key={choice.value}
            type="checkbox"
            groupId={group.id}
            choice={choice}
            checked={checked}
            invalid={Boolean(group.error)}
            onChange={() =>
              onValueChange(checked ? value.filter((item) => item !== choice.value) : [...value, choice.value])
            }
          />
        );
      })}
    </ChoiceFieldset>
  );
}

/** One checkbox on its own (a consent, a confirmation, "show password"), its label beside it. */
export function CheckboxField({
  id,
  label,
  description,
  error,
  checked,
  onCheckedChange,
  disabled,
}: FieldFrame & {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <FormField type="checkbox" invalid={Boolean(error)} className="weerbaar-choice">
      <div className="weerbaar-checkbox">
        <Checkbox
          id={id}
          checked={checked}
          disabled={disabled}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id, description, error)}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onCheckedChange(event.target.checked)}
        />
        <FormLabel htmlFor={id} type="checkbox">
          {label}
        </FormLabel>
      </div>
      <FieldMessages
        id={id}
        description={description}
        error={error}
        className={{ description: 'weerbaar-checkbox__description', error: 'weerbaar-checkbox__description' }}
      />
    </FormField>
  );
}
