import { Anchor, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../components/ui/states';
import { safeNext } from '../../config/paths';
import { useTwoFactorStatus } from '../../lib/api/get-two-factor-status';
import { useSignOut } from '../../lib/auth';
import { AuthCard } from './components/auth-card';
import { RecoveryCodesView } from './components/recovery-codes-view';
import { TwoFactorEnrolment } from './components/two-factor-enrolment';

/** Where the staff requirement leads a user without two-factor sign-in: enrol, or sign out. */
export default function TwoFactorSetupPage() {
  const status = useTwoFactorStatus();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const { t } = useTranslation('auth');
  const [codes, setCodes] = useState<string[] | null>(null);
  const next = safeNext(params.get('next'));

  if (status.isPending) return <Loading />;
  if (!codes && !status.data?.enrolmentRequired) return <Navigate to={next} replace />;

  return (
    <AuthCard title={t('twoFactor.setupTitle')} subtitle={t('twoFactor.setupSubtitle')}>
      <Stack>
        {codes ? (
          <RecoveryCodesView codes={codes} onDone={() => navigate(next, { replace: true })} />
        ) : (
          <TwoFactorEnrolment onEnabled={setCodes} />
        )}
        <Text size="sm" ta="center">
          <Anchor component="button" type="button" onClick={signOut}>
            {t('twoFactor.signOut')}
          </Anchor>
        </Text>
      </Stack>
    </AuthCard>
  );
}
