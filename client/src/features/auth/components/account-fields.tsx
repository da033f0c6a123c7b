import { PasswordInput, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldMessages } from '../../../lib/form';

export interface AccountValues {
  name?: string;
  email: string;
  password: string;
}

/**
 * The name / email / password fields shared by setup, sign-up and sign-in. The name field shows
 * when `nameLabel` is given.
 */
export function AccountFields({
  form,
  nameLabel,
  newPassword = false,
}: {
  form: UseFormReturnType<AccountValues, unknown>;
  nameLabel?: 'name' | 'yourName';
  /** A password being chosen (hint, `new-password`) rather than typed to sign in. */
  newPassword?: boolean;
}) {
  const { t } = useTranslation('auth');
  return (
    <>
      {nameLabel && (
        <TextInput label={t(`fields.${nameLabel}`)} required autoComplete="name" {...form.getInputProps('name')} />
      )}
      <TextInput
        label={t('fields.email')}
        type="email"
        required
        autoComplete="email"
        {...form.getInputProps('email')}
      />
      <PasswordInput
        label={t('fields.password')}
        description={newPassword ? t('fields.newPasswordHint') : undefined}
        required
        autoComplete={newPassword ? 'new-password' : 'current-password'}
        {...form.getInputProps('password')}
      />
    </>
  );
}

/** What the account fields say when left empty or wrong. */
export const accountMessages = (t: TFunction<'auth'>, newPassword = false): FieldMessages<AccountValues> => ({
  name: { required: t('fields.enterName') },
  email: { required: t('fields.enterEmail') },
  password: { required: t('fields.enterPassword'), invalid: newPassword ? t('fields.passwordTooShort') : undefined },
});
