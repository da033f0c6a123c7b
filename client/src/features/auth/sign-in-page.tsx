import { loginBodySchema, type TwoFactorChallenge, twoFactorLoginBodySchema } from '@helpdesk/contract';
import { Anchor, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { paths, safeNext } from '../../config/paths';
import { usePublicSettings } from '../../lib/api/get-public-settings';
import { ApiError } from '../../lib/api-client';
import { showFieldErrors, useBodyForm } from '../../lib/form';
import { needsSecondStep, useSignIn } from './api/sign-in';
import { useSignInTwoFactor } from './api/sign-in-two-factor';
import { AccountFields } from './components/account-fields';
import { AuthCard } from './components/auth-card';
import { CodeOrRecoveryFields, codeOrRecovery, noCode } from './components/code-fields';

export default function SignInPage() {
  const settings = usePublicSettings();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useBodyForm(loginBodySchema, { email: '', password: '' });
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
      title="Sign in"
      subtitle={
        expired
          ? 'That sign-in expired. Enter your password again.'
          : params.get('next')
            ? 'Your session ended. Sign in to continue where you were.'
            : undefined
      }
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
            Sign in
          </FormSubmit>
          {settings.data?.selfSignup && (
            <Text size="sm" ta="center">
              New here?{' '}
              <Anchor component={Link} to={paths.signUp}>
                Create an account
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
  const form = useBodyForm(twoFactorLoginBodySchema, noCode, (values) => ({
    challengeToken: challenge.challengeToken,
    ...codeOrRecovery(values),
  }));

  return (
    <AuthCard
      title="Two-factor sign-in"
      subtitle={
        form.values.recovery
          ? 'Enter one of your recovery codes.'
          : 'Enter the code from your authenticator app to finish signing in.'
      }
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
            Verify
          </FormSubmit>
        </Stack>
      </form>
    </AuthCard>
  );
}
