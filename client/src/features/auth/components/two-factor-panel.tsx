import {
  disableTwoFactorBodySchema,
  regenerateRecoveryCodesBodySchema,
  type TwoFactorStatus,
} from '@helpdesk/contract';
import { Badge, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormSubmit } from '../../../components/ui/form-submit';
import { notifySuccess } from '../../../components/ui/notify';
import { Panel } from '../../../components/ui/panel';
import { QueryView } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useTwoFactorStatus } from '../../../lib/api/get-two-factor-status';
import { submitTo, useBodyForm } from '../../../lib/form';
import { useDisableTwoFactor } from '../api/disable-two-factor';
import { useRegenerateRecoveryCodes } from '../api/regenerate-recovery-codes';
import { CodeField, CodeOrRecoveryFields, codeOrRecovery, noCode } from './code-fields';
import { RecoveryCodesView } from './recovery-codes-view';
import { TwoFactorEnrolment } from './two-factor-enrolment';

/** New recovery codes, with a current code from the app. */
function RegenerateCodes({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const regenerate = useRegenerateRecoveryCodes();
  const form = useBodyForm(regenerateRecoveryCodesBodySchema, { code: '' });
  return (
    <form
      onSubmit={submitTo(form, regenerate, (data) => {
        form.reset();
        onCodes(data.recoveryCodes);
      })}
      noValidate
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          New recovery codes
        </Title>
        <Text size="sm" c="dimmed">
          Replaces all your recovery codes; the old ones stop working.
        </Text>
        <CodeField {...form.getInputProps('code')} />
        <FormSubmit mutation={regenerate} form={form} variant="default" w="fit-content">
          Make new recovery codes
        </FormSubmit>
      </Stack>
    </form>
  );
}

/** Turning it off: the password and a code (or a recovery code). */
function DisableTwoFactor() {
  const disable = useDisableTwoFactor();
  const form = useBodyForm(disableTwoFactorBodySchema, { password: '', ...noCode }, ({ password, ...code }) => ({
    password,
    ...codeOrRecovery(code),
  }));
  return (
    <form
      onSubmit={submitTo(form, disable, () => {
        form.reset();
        notifySuccess('Two-factor sign-in is off');
      })}
      noValidate
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          Turn off
        </Title>
        <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
        <CodeOrRecoveryFields form={form} />
        <FormSubmit mutation={disable} form={form} color="red" variant="light" w="fit-content">
          Turn off two-factor sign-in
        </FormSubmit>
      </Stack>
    </form>
  );
}

function EnabledState({ status, onCodes }: { status: TwoFactorStatus; onCodes: (codes: string[]) => void }) {
  return (
    <>
      <Text size="sm">
        On since {status.enabledAt && <TimeAgo value={status.enabledAt} />}: signing in needs a code from your
        authenticator app. {status.recoveryCodesLeft} of 10 recovery codes left.
      </Text>
      {status.required && (
        <Text size="sm" c="dimmed">
          Your role requires it: turned off, it has to be set up again before you can go on.
        </Text>
      )}
      <Stack gap="lg">
        <RegenerateCodes onCodes={onCodes} />
        <DisableTwoFactor />
      </Stack>
    </>
  );
}

/** Profile: the state of two-factor sign-in and everything to change it. */
export function TwoFactorPanel() {
  const status = useTwoFactorStatus();
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <Panel
      title="Two-factor sign-in"
      aside={
        status.data && (
          <Badge color={status.data.enabled ? 'blue' : 'gray'} variant="light">
            {status.data.enabled ? 'On' : 'Off'}
          </Badge>
        )
      }
    >
      {codes ? (
        <RecoveryCodesView codes={codes} onDone={() => setCodes(null)} />
      ) : (
        <QueryView query={status}>
          {(state) =>
            state.enabled ? (
              <EnabledState status={state} onCodes={setCodes} />
            ) : (
              <>
                <Text size="sm">
                  Off: your password alone signs you in. With two-factor sign-in, a code from your phone is needed too.
                </Text>
                <TwoFactorEnrolment onEnabled={setCodes} />
              </>
            )
          }
        </QueryView>
      )}
    </Panel>
  );
}
