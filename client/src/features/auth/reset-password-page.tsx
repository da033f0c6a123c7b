import { resetPasswordBodySchema } from '@helpdesk/contract';
import { Alert, Anchor, PasswordInput, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { FormSubmit } from '../../components/ui/form-submit';
import { MalformedLink } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { showFieldErrors, useBodyForm } from '../../lib/form';
import { useResetPassword } from './api/reset-password';
import { AuthCard } from './components/auth-card';
import { isWellFormedLinkToken } from './link-token';

/** The reset body, and the new password typed twice alike. */
const resetFormSchema = resetPasswordBodySchema
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'] });

/** The page of an admin-issued reset link: `/reset-password?token=…`. */
export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const { t } = useTranslation('auth');
  const form = useBodyForm(resetFormSchema, { password: '', confirm: '' }, (values) => ({ token, ...values }), {
    password: { required: t('fields.enterPassword'), invalid: t('fields.passwordTooShort') },
    confirm: { required: t('reset.differ'), invalid: t('reset.differ') },
  });

  if (!isWellFormedLinkToken(token)) {
    return (
      <AuthCard title={t('reset.incompleteTitle')} withLanguagePicker>
        <MalformedLink />
      </AuthCard>
    );
  }
  if (reset.isSuccess) {
    return (
      <AuthCard title={t('reset.doneTitle')}>
        <Alert color="green">
          {t('reset.done')}{' '}
          <Anchor component={Link} to={paths.signIn()}>
            {t('reset.signIn')}
          </Anchor>
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('reset.title')} withLanguagePicker>
      <form
        onSubmit={form.onSubmit(({ confirm: _, ...body }) => reset.mutate(body, { onError: showFieldErrors(form) }))}
        noValidate
      >
        <Stack>
          <PasswordInput
            label={t('reset.newPassword')}
            description={t('fields.newPasswordHint')}
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label={t('reset.repeat')}
            required
            autoComplete="new-password"
            {...form.getInputProps('confirm')}
          />
          <FormSubmit mutation={reset} form={form}>
            {t('reset.submit')}
          </FormSubmit>
        </Stack>
      </form>
    </AuthCard>
  );
}
