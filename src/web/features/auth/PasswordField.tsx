import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../shared/auth.ts';
import { CheckboxField, TextField } from '../../ui/index.ts';

/**
 * A new password: the one rule (at least 12 characters, nothing else required) said up front, a way to
 * show what was typed, and the server's advice as the error message when it is too easy to guess.
 */
export function NewPasswordField({
  id,
  value,
  onValueChange,
  error,
}: {
  id: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <>
      <TextField
        id={id}
        label={t('auth.password.newLabel')}
        description={t('auth.password.rules', { min: PASSWORD_MIN_LENGTH })}
        error={error}
        type={visible ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        autoCapitalize="off"
        value={value}
        onValueChange={onValueChange}
        required
      />
      <CheckboxField id={`${id}-show`} label={t('auth.password.show')} checked={visible} onCheckedChange={setVisible} />
    </>
  );
}
