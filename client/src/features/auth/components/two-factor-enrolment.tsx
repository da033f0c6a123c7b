import { confirmTwoFactorBodySchema } from '@helpdesk/contract';
import { Button, Checkbox, Code, Group, Image, Stack, Text } from '@mantine/core';
import { CopyTextButton } from '../../../components/ui/copy-text-button';
import { FormSubmit } from '../../../components/ui/form-submit';
import { FormError } from '../../../components/ui/states';
import { submitTo, useBodyForm } from '../../../lib/form';
import { useConfirmTwoFactor } from '../api/confirm-two-factor';
import { useStartTwoFactorSetup } from '../api/start-two-factor-setup';
import { CodeField } from './code-fields';

/** The base32 key in groups of four, easier to type into an app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** Enrolment: a new secret as a QR code and a key to type, then a code from the app turns it on. */
export function TwoFactorEnrolment({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const setup = useStartTwoFactorSetup();
  const confirm = useConfirmTwoFactor(onEnabled);
  const form = useBodyForm(confirmTwoFactorBodySchema, { code: '', signOutOtherSessions: true });

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
  return (
    <form onSubmit={submitTo(form, confirm)} noValidate>
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
          <CopyTextButton value={setup.data.secret} label="Copy key" variant="subtle" size="compact-xs" />
        </Group>
        <Text size="sm">2. Enter the code the app shows.</Text>
        <CodeField {...form.getInputProps('code')} />
        <Checkbox
          label="Sign out my other sessions"
          description="Browsers signed in before two-factor sign-in was turned on"
          {...form.getInputProps('signOutOtherSessions', { type: 'checkbox' })}
        />
        <FormSubmit mutation={confirm} form={form} w="fit-content">
          Turn on two-factor sign-in
        </FormSubmit>
      </Stack>
    </form>
  );
}
