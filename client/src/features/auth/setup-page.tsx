import { setupBodySchema } from '@helpdesk/contract';
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { Loading } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { submitTo, useBodyForm } from '../../lib/form';
import { useCompleteSetup } from './api/complete-setup';
import { useSetupState } from './api/get-setup-state';
import { AccountFields, accountMessages } from './components/account-fields';
import { AuthCard } from './components/auth-card';

/** First run: creates the first super admin while none exists. */
export default function SetupPage() {
  const status = useSetupState();
  const setup = useCompleteSetup();
  const navigate = useNavigate();
  const { t } = useTranslation('auth');
  const form = useBodyForm(setupBodySchema, { name: '', email: '', password: '' }, accountMessages(t, true));

  if (status.isPending) return <Loading />;
  if (!setup.isSuccess && (status.isError || !status.data.needed)) return <Navigate to={paths.signIn()} replace />;

  return (
    <AuthCard title={t('setup.title')} subtitle={t('setup.subtitle')} withLanguagePicker>
      <form onSubmit={submitTo(form, setup, () => navigate(paths.home, { replace: true }))} noValidate>
        <Stack>
          <AccountFields form={form} nameLabel="yourName" newPassword />
          <FormSubmit mutation={setup} form={form}>
            {t('setup.submit')}
          </FormSubmit>
        </Stack>
      </form>
    </AuthCard>
  );
}
