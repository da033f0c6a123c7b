import { confirmTwoFactorBodySchema } from '@helpdesk/contract';
import { Button, Checkbox, Code, Group, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyTextButton } from '../../../components/ui/copy-text-button';
import { FormSubmit } from '../../../components/ui/form-submit';
import { FormError } from '../../../components/ui/states';
import { submitTo, useBodyForm } from '../../../lib/form';
import { useConfirmTwoFactor } from '../api/confirm-two-factor';
import { useStartTwoFactorSetup } from '../api/start-two-factor-setup';
import { CodeField, codeMessages } from './code-fields';

/** The base32 key in groups of four, easier to type into an app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** Enrolment: a new secret as a QR code and a key to type, then a code from the app turns it on. */
export function TwoFactorEnrolment({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const setup = useStartTwoFactorSetup();
  const confirm = useConfirmTwoFactor(onEnabled);
  const { t } = useTranslation('auth');
  const form = useBodyForm(confirmTwoFactorBodySchema, { code: '', signOutOtherSessions: true }, codeMessages(t));

  if (!setup.data) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('twoFactor.needApp')}</Text>
        <FormError error={setup.error} />
        <Button onClick={() => setup.mutate()} loading={setup.isPending}>
          {t('twoFactor.setUp')}
        </Button>
      </Stack>
    );
  }
  return (
    <form onSubmit={submitTo(form, confirm)} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('twoFactor.scan')}</Text>
        <Image
          src={setup.data.qrCode}
          alt={t('twoFactor.qrAlt')}
          w={200}
          h={200}
          radius="sm"
          data-testid="two-factor-qr"
        />
        <Text size="sm">{t('twoFactor.typeKey')}</Text>
        <Group gap="xs">
          <Code fz="md" data-testid="two-factor-secret">
            {grouped(setup.data.secret)}
          </Code>
          <CopyTextButton value={setup.data.secret} label={t('twoFactor.copyKey')} variant="subtle" size="compact-xs" />
        </Group>
        <Text size="sm">{t('twoFactor.enterCode')}</Text>
        <CodeField {...form.getInputProps('code')} />
        <Checkbox
          label={t('twoFactor.signOutOthers')}
          description={t('twoFactor.signOutOthersHint')}
          {...form.getInputProps('signOutOtherSessions', { type: 'checkbox' })}
        />
        <FormSubmit mutation={confirm} form={form} w="fit-content">
          {t('twoFactor.turnOn')}
        </FormSubmit>
      </Stack>
    </form>
  );
}
