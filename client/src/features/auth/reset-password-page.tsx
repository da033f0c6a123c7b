import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FormError } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { fieldErrors } from '../../lib/api-client';
import { newPasswordHint } from './account-fields';
import { useResetPassword } from './api';
import { AuthCard } from './auth-card';

/** The page of an admin-issued reset link: `/reset-password?token=…`. */
export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const errors = fieldErrors(reset.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    reset.mutate({ token, password });
  }
  if (!token) {
    return (
      <AuthCard title="Reset your password">
        <Alert color="red">This link is incomplete. Ask your administrator for a new one.</Alert>
      </AuthCard>
    );
  }
  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed">
        <Alert color="green">
          Your new password is set.{' '}
          <Anchor component={Link} to={paths.signIn()}>
            Sign in
          </Anchor>
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <form onSubmit={submit} noValidate>
        <Stack>
          <PasswordInput
            label="New password"
            description={newPasswordHint}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <PasswordInput
            label="Repeat the new password"
            required
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch ? 'The passwords differ' : undefined}
          />
          {!errors.password && <FormError error={reset.error} />}
          <Button type="submit" loading={reset.isPending}>
            Set password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
