import { Anchor, Button, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { FormError } from '../../components/ui/states';
import { paths, safeNext } from '../../config/paths';
import { fieldErrors } from '../../lib/api-client';
import { usePublicSettings } from '../../lib/auth';
import { AccountFields } from './account-fields';
import { useSignIn } from './api';
import { AuthCard } from './auth-card';

export default function SignInPage() {
  const settings = usePublicSettings();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ email: '', password: '' });
  const errors = fieldErrors(signIn.error);
  if (settings.data?.setupNeeded) return <Navigate to={paths.setup} replace />;

  function submit(e: FormEvent) {
    e.preventDefault();
    signIn.mutate(form, { onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }) });
  }
  return (
    <AuthCard
      title="Sign in"
      subtitle={params.get('next') ? 'Your session ended. Sign in to continue where you were.' : undefined}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <AccountFields form={form} onChange={setForm} errors={errors} />
          {Object.keys(errors).length === 0 && <FormError error={signIn.error} />}
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
          {settings.data?.selfSignup && (
            <Text size="sm" ta="center">
              New here?{' '}
              <Anchor component={Link} to={paths.signUp}>
                Create an account
              </Anchor>
            </Text>
          )}
        </Stack>
      </form>
    </AuthCard>
  );
}
