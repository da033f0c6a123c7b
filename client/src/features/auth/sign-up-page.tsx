import { registerBodySchema } from '@helpdesk/contract';
import { Anchor, Stack, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { Empty, Loading } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { usePublicSettings } from '../../lib/api/get-public-settings';
import { submitTo, useBodyForm } from '../../lib/form';
import { useSignUp } from './api/sign-up';
import { AccountFields } from './components/account-fields';
import { AuthCard } from './components/auth-card';

export default function SignUpPage() {
  const settings = usePublicSettings();
  const signUp = useSignUp();
  const navigate = useNavigate();
  const form = useBodyForm(registerBodySchema, { name: '', email: '', password: '' });
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
  return (
    <AuthCard title="Create your account" subtitle="Follow your support requests in one place.">
      <form onSubmit={submitTo(form, signUp, () => navigate(paths.myTickets, { replace: true }))} noValidate>
        <Stack>
          <AccountFields form={form} nameLabel="Name" newPassword />
          <FormSubmit mutation={signUp} form={form}>
            Create account
          </FormSubmit>
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
