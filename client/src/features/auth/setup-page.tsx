import { setupBodySchema } from '@helpdesk/contract';
import { Stack } from '@mantine/core';
import { Navigate, useNavigate } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { Loading } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { submitTo, useBodyForm } from '../../lib/form';
import { useCompleteSetup } from './api/complete-setup';
import { useSetupState } from './api/get-setup-state';
import { AccountFields } from './components/account-fields';
import { AuthCard } from './components/auth-card';

/** First run: creates the first super admin while none exists. */
export default function SetupPage() {
  const status = useSetupState();
  const setup = useCompleteSetup();
  const navigate = useNavigate();
  const form = useBodyForm(setupBodySchema, { name: '', email: '', password: '' });

  if (status.isPending) return <Loading />;
  if (!setup.isSuccess && (status.isError || !status.data.needed)) return <Navigate to={paths.signIn()} replace />;

  return (
    <AuthCard
      title="Set up your helpdesk"
      subtitle="Create the first administrator account. This page disappears once it exists."
    >
      <form onSubmit={submitTo(form, setup, () => navigate(paths.home, { replace: true }))} noValidate>
        <Stack>
          <AccountFields form={form} nameLabel="Your name" newPassword />
          <FormSubmit mutation={setup} form={form}>
            Create administrator
          </FormSubmit>
        </Stack>
      </form>
    </AuthCard>
  );
}
