import { type Settings, updateSettingsBodySchema } from '@helpdesk/contract';
import { Paper, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormSubmit } from '../../components/ui/form-submit';
import { notifySuccess } from '../../components/ui/notify';
import { QueryView } from '../../components/ui/states';
import { submitTo, useBodyForm } from '../../lib/form';
import { useSettings } from './api/get-settings';
import { useUpdateSettings } from './api/update-settings';

export default function SettingsPage() {
  const settings = useSettings();
  return <QueryView query={settings}>{(data) => <SettingsForm initial={data} />}</QueryView>;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation('help');
  const save = useUpdateSettings();
  // Only what changed is sent.
  const form = useBodyForm(updateSettingsBodySchema, initial, (values) =>
    Object.fromEntries(Object.entries(values).filter(([key, value]) => value !== initial[key as keyof Settings])),
  );
  return (
    <Stack maw={560}>
      <Title order={1} size="h2">
        Settings
      </Title>
      <Paper withBorder p="md">
        <form onSubmit={submitTo(form, save, () => notifySuccess('Settings saved'))}>
          <Stack>
            <TextInput label="Helpdesk name" {...form.getInputProps('helpdeskName')} />
            <Switch
              label="Customers may create their own accounts"
              {...form.getInputProps('selfSignup', { type: 'checkbox' })}
            />
            <Switch
              label="Staff must use two-factor sign-in"
              {...form.getInputProps('requireTwoFactorForStaff', { type: 'checkbox' })}
            />
            <Switch
              label={t('settings.publicHelpCentre')}
              {...form.getInputProps('publicHelpCentre', { type: 'checkbox' })}
            />
            <FormSubmit mutation={save} form={form} w="fit-content">
              Save settings
            </FormSubmit>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
