import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FormError, MalformedLink } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { useUser } from '../../lib/auth';
import { useConfirmEmail } from './api/change-email';
import { AuthCard } from './components/auth-card';
import { isWellFormedLinkToken } from './link-token';

/**
 * `/confirm-email?token=…`, the link mailed to a new address. It asks for a click rather than
 * confirming on load, so a mail scanner that opens links does not use it up.
 */
export default function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmEmail();
  const user = useUser();
  const { t } = useTranslation('auth');

  if (!isWellFormedLinkToken(token)) {
    return (
      <AuthCard title={t('confirmEmail.title')} withLanguagePicker>
        <MalformedLink />
      </AuthCard>
    );
  }
  if (confirm.isSuccess) {
    return (
      <AuthCard title={t('confirmEmail.doneTitle')}>
        <Alert color="green" role="status">
          {t('confirmEmail.done', { email: confirm.data.email })}{' '}
          <Anchor component={Link} to={user ? paths.profile : paths.signIn()}>
            {user ? t('confirmEmail.toProfile') : t('reset.signIn')}
          </Anchor>
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('confirmEmail.title')} withLanguagePicker>
      <Stack>
        <Text size="sm">{t('confirmEmail.intro')}</Text>
        <FormError error={confirm.error} />
        <Button loading={confirm.isPending} onClick={() => confirm.mutate({ token })}>
          {t('confirmEmail.submit')}
        </Button>
      </Stack>
    </AuthCard>
  );
}
