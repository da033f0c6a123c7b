import type { TwoFactorChallenge } from '@helpdesk/contract';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { FormError } from '../../components/ui/states';
import { paths, safeNext } from '../../config/paths';
import { ApiError, fieldErrors } from '../../lib/api-client';
import { usePublicSettings } from '../../lib/auth';
import { AccountFields } from './account-fields';
import { needsSecondStep, useSignIn, useTwoFactorSignIn } from './api';
import { AuthCard } from './auth-card';
import { CodeField, RecoveryToggle } from './two-factor';

export default function SignInPage() {
  const settings = usePublicSettings();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ email: '', password: '' });
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null);
  const [expired, setExpired] = useState(false);
  const errors = fieldErrors(signIn.error);
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
  function submit(e: FormEvent) {
    e.preventDefault();
    setExpired(false);
    signIn.mutate(form, { onSuccess: (result) => (needsSecondStep(result) ? setChallenge(result) : goOn()) });
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
      <form onSubmit={submit} noValidate>
        <Stack>
          <AccountFields form={form} onChange={setForm} errors={errors} />
          {Object.keys(errors).length === 0 && <FormError error={signIn.error} />}
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
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
  const verify = useTwoFactorSignIn();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const errors = fieldErrors(verify.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    verify.mutate(
      { challengeToken: challenge.challengeToken, [recovery ? 'recoveryCode' : 'code']: code },
      {
        onSuccess: onSignedIn,
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'TWO_FACTOR_CHALLENGE_INVALID') onExpired();
        },
      },
    );
  }
  return (
    <AuthCard
      title="Two-factor sign-in"
      subtitle={
        recovery
          ? 'Enter one of your recovery codes.'
          : 'Enter the code from your authenticator app to finish signing in.'
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <CodeField recovery={recovery} value={code} onChange={setCode} error={errors.code ?? errors.recoveryCode} />
          <RecoveryToggle
            recovery={recovery}
            onToggle={() => {
              setRecovery(!recovery);
              setCode('');
              verify.reset();
            }}
          />
          {Object.keys(errors).length === 0 && <FormError error={verify.error} />}
          <Button type="submit" loading={verify.isPending}>
            Verify
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
