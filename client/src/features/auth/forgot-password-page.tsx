import { forgotPasswordBodySchema } from '@helpdesk/contract';
import { Alert, Anchor, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { paths } from '../../config/paths';
import { showFieldErrors, useBodyForm } from '../../lib/form';
import { useForgotPassword } from './api/forgot-password';
import { AuthCard } from './components/auth-card';

/** `/forgot-password`: asks for a reset link by e-mail (offered on the sign-in page when mail is configured). */
export default function ForgotPasswordPage() {
  const forgot = useForgotPassword();
  const { t } = useTranslation('auth');
  const form = useBodyForm(forgotPasswordBodySchema, { email: '' }, { email: { required: t('fields.enterEmail') } });
  const back = (
    <Text size="sm" ta="center">
      <Anchor component={Link} to={paths.signIn()}>
        {t('forgot.back')}
      </Anchor>
    </Text>
  );

  if (forgot.isSuccess) {
    return (
      <AuthCard title={t('forgot.sentTitle')} withLanguagePicker>
        <Stack>
          <Alert color="green">{t('forgot.sent')}</Alert>
          {back}
        </Stack>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('forgot.title')} subtitle={t('forgot.intro')} withLanguagePicker>
      <form onSubmit={form.onSubmit((body) => forgot.mutate(body, { onError: showFieldErrors(form) }))} noValidate>
        <Stack>
          <TextInput
            label={t('forgot.email')}
            type="email"
            required
            autoComplete="email"
            {...form.getInputProps('email')}
          />
          <FormSubmit mutation={forgot} form={form}>
            {t('forgot.submit')}
          </FormSubmit>
          {back}
        </Stack>
      </form>
    </AuthCard>
  );
}
