import { type Settings, updateSettingsBodySchema } from '@helpdesk/contract';
import { Paper, Select, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormSubmit } from '../../components/ui/form-submit';
import { notifySuccess } from '../../components/ui/notify';
import { QueryView } from '../../components/ui/states';
import { submitTo, useBodyForm } from '../../lib/form';
import { isSupportedLanguage } from '../../lib/i18n';
import { supportedLanguages } from '../../locales/resources';
import { useSettings } from './api/get-settings';
import { useUpdateSettings } from './api/update-settings';
import { CustomerPrioritiesField } from './components/customer-priorities-field';

export default function SettingsPage() {
  const settings = useSettings();
  return <QueryView query={settings}>{(data) => <SettingsForm initial={data} />}</QueryView>;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t: th } = useTranslation('help');
  const save = useUpdateSettings();
  const { t } = useTranslation(['admin', 'common']);
  // Only what changed is sent; no default language ('' in the select) is null.
  const form = useBodyForm(
    updateSettingsBodySchema,
    { ...initial, defaultLocale: initial.defaultLocale ?? '' },
    ({ defaultLocale, ...values }) =>
      Object.fromEntries(
        Object.entries({ ...values, defaultLocale: isSupportedLanguage(defaultLocale) ? defaultLocale : null }).filter(
          ([key, value]) => value !== initial[key as keyof Settings],
        ),
      ),
    { helpdeskName: { required: t('common.enterName') } },
  );
  return (
    <Stack maw={560}>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Paper withBorder p="md">
        <form onSubmit={submitTo(form, save, () => notifySuccess(t('settings.saved')))}>
          <Stack>
            <TextInput label={t('settings.helpdeskName')} {...form.getInputProps('helpdeskName')} />
            <Select
              label={t('settings.defaultLocale')}
              description={t('settings.defaultLocaleHint')}
              data={[
                { value: '', label: t('settings.browserLanguage') },
                ...supportedLanguages.map((l) => ({ value: l, label: t(`common:languages.${l}`) })),
              ]}
              allowDeselect={false}
              {...form.getInputProps('defaultLocale')}
            />
            <Switch label={t('settings.selfSignup')} {...form.getInputProps('selfSignup', { type: 'checkbox' })} />
            <Switch
              label={t('settings.requireTwoFactor')}
              {...form.getInputProps('requireTwoFactorForStaff', { type: 'checkbox' })}
            />
            <CustomerPrioritiesField {...form.getInputProps('customerPriorityIds')} />
            <Switch
              label={th('settings.publicHelpCentre')}
              {...form.getInputProps('publicHelpCentre', { type: 'checkbox' })}
            />
            <FormSubmit mutation={save} form={form} w="fit-content">
              {t('settings.save')}
            </FormSubmit>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
