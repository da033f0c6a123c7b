import { changeEmailBodySchema } from '@helpdesk/contract';
import { Alert, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormSubmit } from '../../../components/ui/form-submit';
import { usePublicSettings } from '../../../lib/api/get-public-settings';
import { submitTo, useBodyForm } from '../../../lib/form';
import { useChangeEmail } from '../api/change-email';

/**
 * Profile: the account's e-mail address. With mail configured a user changes it themselves (a link
 * to the new address confirms it); without, an administrator does, as before.
 */
export function EmailPanel({ email }: { email: string }) {
  const settings = usePublicSettings();
  const change = useChangeEmail();
  const { t } = useTranslation('auth');
  const form = useBodyForm(
    changeEmailBodySchema,
    { email: '', currentPassword: '' },
    {
      email: { required: t('fields.enterEmail'), invalid: t('email.invalid') },
      currentPassword: { required: t('email.enterCurrentPassword') },
    },
  );
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('email.title')}
        </Title>
        <Text size="sm">{t('email.current', { email })}</Text>
        {!settings.data?.mailConfigured ? (
          <Text size="sm" c="dimmed">
            {t('email.askAdmin')}
          </Text>
        ) : change.isSuccess ? (
          <Alert color="green" role="status">
            {t('email.sent', { email: change.data.email })}
          </Alert>
        ) : (
          <form onSubmit={submitTo(form, change, () => form.reset())} noValidate>
            <Stack>
              <TextInput
                label={t('email.newEmail')}
                type="email"
                autoComplete="email"
                {...form.getInputProps('email')}
              />
              <PasswordInput
                label={t('profile.currentPassword')}
                autoComplete="current-password"
                {...form.getInputProps('currentPassword')}
              />
              <FormSubmit mutation={change} form={form} w="fit-content">
                {t('email.submit')}
              </FormSubmit>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
