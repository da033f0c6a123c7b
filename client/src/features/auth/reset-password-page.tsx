import { resetPasswordBodySchema } from '@helpdesk/contract';
import { Alert, Anchor, PasswordInput, Stack } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { FormSubmit } from '../../components/ui/form-submit';
import { paths } from '../../config/paths';
import { showFieldErrors, useBodyForm } from '../../lib/form';
import { useResetPassword } from './api/reset-password';
import { newPasswordHint } from './components/account-fields';
import { AuthCard } from './components/auth-card';

/** The reset body, and the new password typed twice alike. */
const resetFormSchema = resetPasswordBodySchema
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The passwords differ', path: ['confirm'] });

/** The page of an admin-issued reset link: `/reset-password?token=…`. */
export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const form = useBodyForm(resetFormSchema, { password: '', confirm: '' }, (values) => ({ token, ...values }));

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
      <form
        onSubmit={form.onSubmit(({ confirm: _, ...body }) => reset.mutate(body, { onError: showFieldErrors(form) }))}
        noValidate
      >
        <Stack>
          <PasswordInput
            label="New password"
            description={newPasswordHint}
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Repeat the new password"
            required
            autoComplete="new-password"
            {...form.getInputProps('confirm')}
          />
          <FormSubmit mutation={reset} form={form}>
            Set password
          </FormSubmit>
        </Stack>
      </form>
    </AuthCard>
  );
}
