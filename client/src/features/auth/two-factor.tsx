import type { RecoveryCodes, TwoFactorSetup } from '@helpdesk/contract';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Image,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorState, FormError, Loading } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { api, fieldErrors } from '../../lib/api-client';
import { useTwoFactorStatus } from '../../lib/auth';
import { twoFactorKey } from '../../lib/query-client';

/**
 * The code field of every two-factor form: six digits from the app, or (with `recovery`) a
 * recovery code. `one-time-code` lets phones offer a code they received.
 */
export function CodeField({
  recovery = false,
  value,
  onChange,
  error,
}: {
  recovery?: boolean;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return recovery ? (
    <TextInput
      label="Recovery code"
      description="One of the codes you saved when you turned two-factor sign-in on"
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  ) : (
    <TextInput
      label="Authentication code"
      description="The six-digit code your authenticator app shows"
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/** "Use a recovery code instead" and back. */
export function RecoveryToggle({ recovery, onToggle }: { recovery: boolean; onToggle: () => void }) {
  return (
    <Anchor component="button" type="button" size="sm" onClick={onToggle} w="fit-content">
      {recovery ? 'Use the code from your app instead' : 'Use a recovery code instead'}
    </Anchor>
  );
}

/** The recovery codes, shown once, with copy and download. */
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `${codes.join('\n')}\n`;
  return (
    <Stack gap="sm">
      <Alert color="blue" title="Save your recovery codes now">
        Each code signs you in once if you lose your phone. They are not shown again.
      </Alert>
      <Code block data-testid="recovery-codes" aria-label="Recovery codes">
        {codes.join('\n')}
      </Code>
      <Group gap="xs">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy}>
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="default"
          size="xs"
          component="a"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="helpdesk-recovery-codes.txt"
        >
          Download
        </Button>
        <Button size="xs" onClick={onDone}>
          I have saved them
        </Button>
      </Group>
    </Stack>
  );
}

/** The base32 key in groups of four, easier to type into an app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** Enrolment: a new secret as a QR code and a key to type, then a code from the app turns it on. */
export function TwoFactorEnrolment({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const qc = useQueryClient();
  const setup = useMutation({ mutationFn: () => api.post<TwoFactorSetup>('/api/auth/two-factor/setup') });
  const [code, setCode] = useState('');
  const [signOutOthers, setSignOutOthers] = useState(true);
  const confirm = useMutation({
    mutationFn: () =>
      api.post<RecoveryCodes>('/api/auth/two-factor/confirm', { code, signOutOtherSessions: signOutOthers }),
    onSuccess: (data) => {
      onEnabled(data.recoveryCodes);
      // The status, and the session list when other sessions were signed out.
      return qc.invalidateQueries({ queryKey: ['auth'] });
    },
  });
  const errors = fieldErrors(confirm.error);

  if (!setup.data) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          You will need an authenticator app on your phone (such as Aegis, Google Authenticator or 1Password).
        </Text>
        <FormError error={setup.error} />
        <Button onClick={() => setup.mutate()} loading={setup.isPending}>
          Set up two-factor sign-in
        </Button>
      </Stack>
    );
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    confirm.mutate();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">1. Scan this QR code with your authenticator app.</Text>
        <Image
          src={setup.data.qrCode}
          alt="QR code with your two-factor key, to scan with an authenticator app"
          w={200}
          h={200}
          radius="sm"
          data-testid="two-factor-qr"
        />
        <Text size="sm">Or type this key into the app:</Text>
        <Group gap="xs">
          <Code fz="md" data-testid="two-factor-secret">
            {grouped(setup.data.secret)}
          </Code>
          <CopyButton value={setup.data.secret}>
            {({ copied, copy }) => (
              <Button variant="subtle" size="compact-xs" onClick={copy}>
                {copied ? 'Copied' : 'Copy key'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">2. Enter the code the app shows.</Text>
        <CodeField value={code} onChange={setCode} error={errors.code} />
        <Checkbox
          label="Sign out my other sessions"
          description="Browsers signed in before two-factor sign-in was turned on"
          checked={signOutOthers}
          onChange={(e) => setSignOutOthers(e.currentTarget.checked)}
        />
        {Object.keys(errors).length === 0 && <FormError error={confirm.error} />}
        <Button type="submit" w="fit-content" loading={confirm.isPending}>
          Turn on two-factor sign-in
        </Button>
      </Stack>
    </form>
  );
}

/** On: new recovery codes, or turning it off (password and a code). */
function EnabledActions({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const [off, setOff] = useState({ password: '', code: '', recovery: false });
  const regenerate = useMutation({
    mutationFn: () => api.post<RecoveryCodes>('/api/auth/two-factor/recovery-codes', { code }),
    onSuccess: async (data) => {
      setCode('');
      await qc.invalidateQueries({ queryKey: twoFactorKey });
      onCodes(data.recoveryCodes);
    },
  });
  const disable = useMutation({
    mutationFn: () =>
      api.post('/api/auth/two-factor/disable', {
        password: off.password,
        [off.recovery ? 'recoveryCode' : 'code']: off.code,
      }),
    onSuccess: async () => {
      setOff({ password: '', code: '', recovery: false });
      await qc.invalidateQueries({ queryKey: twoFactorKey });
      notifications.show({ message: 'Two-factor sign-in is off', color: 'green' });
    },
  });
  const regenerateErrors = fieldErrors(regenerate.error);
  const disableErrors = fieldErrors(disable.error);
  return (
    <Stack gap="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          regenerate.mutate();
        }}
        noValidate
      >
        <Stack gap="xs">
          <Title order={3} size="h5">
            New recovery codes
          </Title>
          <Text size="sm" c="dimmed">
            Replaces all your recovery codes; the old ones stop working.
          </Text>
          <CodeField value={code} onChange={setCode} error={regenerateErrors.code} />
          {Object.keys(regenerateErrors).length === 0 && <FormError error={regenerate.error} />}
          <Button type="submit" variant="default" w="fit-content" loading={regenerate.isPending}>
            Make new recovery codes
          </Button>
        </Stack>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          disable.mutate();
        }}
        noValidate
      >
        <Stack gap="xs">
          <Title order={3} size="h5">
            Turn off
          </Title>
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={off.password}
            onChange={(e) => setOff({ ...off, password: e.currentTarget.value })}
            error={disableErrors.password}
          />
          <CodeField
            recovery={off.recovery}
            value={off.code}
            onChange={(value) => setOff({ ...off, code: value })}
            error={disableErrors.code ?? disableErrors.recoveryCode}
          />
          <RecoveryToggle
            recovery={off.recovery}
            onToggle={() => setOff({ ...off, recovery: !off.recovery, code: '' })}
          />
          {Object.keys(disableErrors).length === 0 && <FormError error={disable.error} />}
          <Button type="submit" color="red" variant="light" w="fit-content" loading={disable.isPending}>
            Turn off two-factor sign-in
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

/** Profile: the state of two-factor sign-in and everything to change it. */
export function TwoFactorPanel() {
  const status = useTwoFactorStatus();
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Two-factor sign-in
          </Title>
          {status.data && (
            <Badge color={status.data.enabled ? 'blue' : 'gray'} variant="light">
              {status.data.enabled ? 'On' : 'Off'}
            </Badge>
          )}
        </Group>
        {status.isPending ? (
          <Loading />
        ) : status.isError ? (
          <ErrorState error={status.error} onRetry={() => status.refetch()} />
        ) : codes ? (
          <RecoveryCodesView codes={codes} onDone={() => setCodes(null)} />
        ) : status.data.enabled ? (
          <>
            <Text size="sm">
              On since {status.data.enabledAt && <TimeAgo value={status.data.enabledAt} />}: signing in needs a code
              from your authenticator app. {status.data.recoveryCodesLeft} of 10 recovery codes left.
            </Text>
            {status.data.required && (
              <Text size="sm" c="dimmed">
                Your role requires it: turned off, it has to be set up again before you can go on.
              </Text>
            )}
            <EnabledActions onCodes={setCodes} />
          </>
        ) : (
          <>
            <Text size="sm">
              Off: your password alone signs you in. With two-factor sign-in, a code from your phone is needed too.
            </Text>
            <TwoFactorEnrolment onEnabled={setCodes} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
