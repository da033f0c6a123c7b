import { Anchor, Button, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Empty, FormError, Loading } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { fieldErrors } from '../../lib/api-client';
import { usePublicSettings } from '../../lib/auth';
import { AccountFields } from './account-fields';
import { useSignUp } from './api';
import { AuthCard } from './auth-card';

export default function SignUpPage() {
  const settings = usePublicSettings();
  const signUp = useSignUp();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const errors = fieldErrors(signUp.error);
  if (settings.isPending) return <Loading />;
  if (settings.data && !settings.data.selfSignup) {
    return (
      <AuthCard title="Sign-up is closed">
        <Empty title="Accounts are created by the helpdesk team">
          Ask them for an invitation, or{' '}
          <Anchor component={Link} to={paths.signIn()}>
            sign in
          </Anchor>
          .
        </Empty>
      </AuthCard>
    );
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    signUp.mutate(form, { onSuccess: () => navigate(paths.myTickets, { replace: true }) });
  }
  return (
    <AuthCard title="Create your account" subtitle="Follow your support requests in one place.">
      <form onSubmit={submit} noValidate>
        <Stack>
          <AccountFields form={form} onChange={setForm} errors={errors} nameLabel="Name" newPassword />
          {Object.keys(errors).length === 0 && <FormError error={signUp.error} />}
          <Button type="submit" loading={signUp.isPending}>
            Create account
          </Button>
          <Text size="sm" ta="center">
            Already have an account?{' '}
            <Anchor component={Link} to={paths.signIn()}>
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
