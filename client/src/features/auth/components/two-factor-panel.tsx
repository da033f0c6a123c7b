import {
  disableTwoFactorBodySchema,
  regenerateRecoveryCodesBodySchema,
  type TwoFactorStatus,
} from '@helpdesk/contract';
import { Badge, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { FormSubmit } from '../../../components/ui/form-submit';
import { notifySuccess } from '../../../components/ui/notify';
import { Panel } from '../../../components/ui/panel';
import { QueryView } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useTwoFactorStatus } from '../../../lib/api/get-two-factor-status';
import { submitTo, useBodyForm } from '../../../lib/form';
import { useDisableTwoFactor } from '../api/disable-two-factor';
import { useRegenerateRecoveryCodes } from '../api/regenerate-recovery-codes';
import { CodeField, CodeOrRecoveryFields, codeMessages, codeOrRecovery, noCode } from './code-fields';
import { RecoveryCodesView } from './recovery-codes-view';
import { TwoFactorEnrolment } from './two-factor-enrolment';

/** New recovery codes, with a current code from the app. */
function RegenerateCodes({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const regenerate = useRegenerateRecoveryCodes();
  const { t } = useTranslation('auth');
  const form = useBodyForm(regenerateRecoveryCodesBodySchema, { code: '' }, codeMessages(t));
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
          {t('twoFactor.newCodes')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('twoFactor.newCodesBody')}
        </Text>
        <CodeField {...form.getInputProps('code')} />
        <FormSubmit mutation={regenerate} form={form} variant="default" w="fit-content">
          {t('twoFactor.makeNewCodes')}
        </FormSubmit>
      </Stack>
    </form>
  );
}

/** Turning it off: the password and a code (or a recovery code). */
function DisableTwoFactor() {
  const disable = useDisableTwoFactor();
  const { t } = useTranslation('auth');
  const form = useBodyForm(
    disableTwoFactorBodySchema,
    { password: '', ...noCode },
    ({ password, ...code }) => ({ password, ...codeOrRecovery(code) }),
    { password: { required: t('fields.enterPassword') }, ...codeMessages(t) },
  );
  return (
    <form
      onSubmit={submitTo(form, disable, () => {
        form.reset();
        notifySuccess(t('twoFactor.turnedOff'));
      })}
      noValidate
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('twoFactor.turnOff')}
        </Title>
        <PasswordInput
          label={t('twoFactor.password')}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <CodeOrRecoveryFields form={form} />
        <FormSubmit mutation={disable} form={form} color="red" variant="light" w="fit-content">
          {t('twoFactor.turnOffSubmit')}
        </FormSubmit>
      </Stack>
    </form>
  );
}

function EnabledState({ status, onCodes }: { status: TwoFactorStatus; onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation('auth');
  return (
    <>
      <Text size="sm">
        <Trans t={t} i18nKey="twoFactor.onSince" components={{ time: <TimeAgo value={status.enabledAt} /> }} />{' '}
        {t('twoFactor.codesLeft', { count: status.recoveryCodesLeft })}
      </Text>
      {status.required && (
        <Text size="sm" c="dimmed">
          {t('twoFactor.required')}
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
  const { t } = useTranslation('auth');
  return (
    <Panel
      title={t('twoFactor.title')}
      aside={
        status.data && (
          <Badge color={status.data.enabled ? 'blue' : 'gray'} variant="light">
            {status.data.enabled ? t('twoFactor.on') : t('twoFactor.off')}
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
                <Text size="sm">{t('twoFactor.offBody')}</Text>
                <TwoFactorEnrolment onEnabled={setCodes} />
              </>
            )
          }
        </QueryView>
      )}
    </Panel>
  );
}
