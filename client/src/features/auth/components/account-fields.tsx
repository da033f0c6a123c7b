import { PasswordInput, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

/** Under every field where a password is chosen; the server says why one is refused. */
export const newPasswordHint = 'At least 12 characters and hard to guess: not a common password, not your name';

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
  nameLabel?: string;
  /** A password being chosen (hint, `new-password`) rather than typed to sign in. */
  newPassword?: boolean;
}) {
  return (
    <>
      {nameLabel && <TextInput label={nameLabel} required autoComplete="name" {...form.getInputProps('name')} />}
      <TextInput label="Email" type="email" required autoComplete="email" {...form.getInputProps('email')} />
      <PasswordInput
        label="Password"
        description={newPassword ? newPasswordHint : undefined}
        required
        autoComplete={newPassword ? 'new-password' : 'current-password'}
        {...form.getInputProps('password')}
      />
    </>
  );
}
