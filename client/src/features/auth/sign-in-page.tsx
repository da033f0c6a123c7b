import { loginBodySchema, type TwoFactorChallenge, twoFactorLoginBodySchema } from '@helpdesk/contract';
import { Anchor, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { paths, safeNext } from '../../config/paths';
import { usePublicSettings } from '../../lib/api/get-public-settings';
import { ApiError } from '../../lib/api-client';
import { showFieldErrors, useBodyForm } from '../../lib/form';
import { needsSecondStep, useSignIn } from './api/sign-in';
import { useSignInTwoFactor } from './api/sign-in-two-factor';
import { AccountFields, accountMessages } from './components/account-fields';
import { AuthCard } from './components/auth-card';
import { CodeOrRecoveryFields, codeMessages, codeOrRecovery, noCode } from './components/code-fields';

export default function SignInPage() {
  const settings = usePublicSettings();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { t } = useTranslation('auth');
  const form = useBodyForm(loginBodySchema, { email: '', password: '' }, accountMessages(t));
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null);
  const [expired, setExpired] = useState(false);
  const goOn = () => navigate(safeNext(params.get('next')), { replace: true });
  if (settings.data?.setupNeeded) return <Navigate to={paths.setup} replace />;

  if (challenge) {
    return (
      <SecondStep
        challenge={challenge}
        onSignedIn={goOn}
        onExpired={() => {
          setChallenge(null);
          setExpired(true);
        }}
      />
    );
  }
  return (
    <AuthCard
      title={t('signIn.title')}
      subtitle={expired ? t('signIn.expired') : params.get('next') ? t('signIn.sessionEnded') : undefined}
      withLanguagePicker
    >
      <form
        onSubmit={form.onSubmit((body) => {
          setExpired(false);
          signIn.mutate(body, {
            onSuccess: (result) => (needsSecondStep(result) ? setChallenge(result) : goOn()),
            onError: showFieldErrors(form),
          });
        })}
        noValidate
      >
        <Stack>
          <AccountFields form={form} />
          <FormSubmit mutation={signIn} form={form}>
            {t('signIn.submit')}
          </FormSubmit>
          {settings.data?.mailConfigured && (
            <Text size="sm" ta="center">
              <Anchor component={Link} to={paths.forgotPassword}>
                {t('forgot.link')}
              </Anchor>
            </Text>
          )}
          {settings.data?.selfSignup && (
            <Text size="sm" ta="center">
              {t('signIn.newHere')}{' '}
              <Anchor component={Link} to={paths.signUp}>
                {t('signIn.createAccount')}
              </Anchor>
            </Text>
          )}
        </Stack>
      </form>
    </AuthCard>
  );
}

/** After the right password, for an account with two-factor sign-in: a code or a recovery code. */
function SecondStep({
  challenge,
  onSignedIn,
  onExpired,
}: {
  challenge: TwoFactorChallenge;
  onSignedIn: () => void;
  onExpired: () => void;
}) {
  const verify = useSignInTwoFactor();
  const { t } = useTranslation('auth');
  const form = useBodyForm(
    twoFactorLoginBodySchema,
    noCode,
    (values) => ({ challengeToken: challenge.challengeToken, ...codeOrRecovery(values) }),
    codeMessages(t),
  );

  return (
    <AuthCard
      title={t('secondStep.title')}
      subtitle={form.values.recovery ? t('secondStep.recovery') : t('secondStep.code')}
    >
      <form
        onSubmit={form.onSubmit((body) =>
          verify.mutate(body, {
            onSuccess: onSignedIn,
            onError: (err) => {
              if (err instanceof ApiError && err.code === 'TWO_FACTOR_CHALLENGE_INVALID') onExpired();
              else showFieldErrors(form)(err);
            },
          }),
        )}
        noValidate
      >
        <Stack>
          <CodeOrRecoveryFields form={form} onSwitch={() => verify.reset()} />
          <FormSubmit mutation={verify} form={form}>
            {t('secondStep.submit')}
          </FormSubmit>
        </Stack>
      </form>
    </AuthCard>
  );
}
