import { registerBodySchema } from '@helpdesk/contract';
import { Anchor, Stack, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { Empty, Loading } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { usePublicSettings } from '../../lib/api/get-public-settings';
import { submitTo, useBodyForm } from '../../lib/form';
import { useSignUp } from './api/sign-up';
import { AccountFields, accountMessages } from './components/account-fields';
import { AuthCard } from './components/auth-card';

export default function SignUpPage() {
  const settings = usePublicSettings();
  const signUp = useSignUp();
  const navigate = useNavigate();
  const { t } = useTranslation('auth');
  const form = useBodyForm(registerBodySchema, { name: '', email: '', password: '' }, accountMessages(t, true));
  if (settings.isPending) return <Loading />;
  if (settings.data && !settings.data.selfSignup) {
    return (
      <AuthCard title={t('signUp.closedTitle')} withLanguagePicker>
        <Empty title={t('signUp.closedHeading')}>
          <Trans
            t={t}
            i18nKey="signUp.closedBody"
            components={{ signIn: <Anchor component={Link} to={paths.signIn()} /> }}
          />
        </Empty>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('signUp.title')} subtitle={t('signUp.subtitle')} withLanguagePicker>
      <form onSubmit={submitTo(form, signUp, () => navigate(paths.myTickets, { replace: true }))} noValidate>
        <Stack>
          <AccountFields form={form} nameLabel="name" newPassword />
          <FormSubmit mutation={signUp} form={form}>
            {t('signUp.submit')}
          </FormSubmit>
          <Text size="sm" ta="center">
            {t('signUp.haveAccount')}{' '}
            <Anchor component={Link} to={paths.signIn()}>
              {t('signUp.signIn')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
