import { PasswordInput, TextInput } from '@mantine/core';

/** Under every field where a password is chosen; the server says why one is refused. */
export const newPasswordHint = 'At least 12 characters and hard to guess: not a common password, not your name';

export interface AccountForm {
  name?: string;
  email: string;
  password: string;
}

/**
 * The name / email / password fields shared by setup, sign-up and sign-in, with the API's
 * field errors next to each. The name field shows when `nameLabel` is given.
 */
export function AccountFields<T extends AccountForm>({
  form,
  onChange,
  errors,
  nameLabel,
  newPassword = false,
}: {
  form: T;
  onChange: (form: T) => void;
  errors: Record<string, string>;
  nameLabel?: string;
  /** A password being chosen (hint, `new-password`) rather than typed to sign in. */
  newPassword?: boolean;
}) {
  return (
    <>
      {nameLabel && (
        <TextInput
          label={nameLabel}
          required
          autoComplete="name"
          value={form.name ?? ''}
          onChange={(e) => onChange({ ...form, name: e.currentTarget.value })}
          error={errors.name}
        />
      )}
      <TextInput
        label="Email"
        type="email"
        required
        autoComplete="email"
        value={form.email}
        onChange={(e) => onChange({ ...form, email: e.currentTarget.value })}
        error={errors.email}
      />
      <PasswordInput
        label="Password"
        description={newPassword ? newPasswordHint : undefined}
        required
        autoComplete={newPassword ? 'new-password' : 'current-password'}
        value={form.password}
        onChange={(e) => onChange({ ...form, password: e.currentTarget.value })}
        error={errors.password}
      />
    </>
  );
}
