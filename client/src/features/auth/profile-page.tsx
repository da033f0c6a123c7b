import { type User, updateMeBodySchema } from '@helpdesk/contract';
import { Paper, PasswordInput, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormSubmit } from '../../components/ui/form-submit';
import { notifySuccess } from '../../components/ui/notify';
import { usePublicSettings } from '../../lib/api/get-public-settings';
import { useUser } from '../../lib/auth';
import { chooseLanguage } from '../../lib/choose-language';
import { submitTo, useBodyForm } from '../../lib/form';
import { forgetBrowserChoice, isSupportedLanguage, setLanguage } from '../../lib/i18n';
import { isStaff } from '../../lib/permissions';
import { roleLabel } from '../../lib/role-label';
import { supportedLanguages } from '../../locales/resources';
import { useUpdateMe } from './api/update-me';
import { EmailPanel } from './components/email-panel';
import { MailPreferencesPanel } from './components/mail-preferences-panel';
import { SessionsPanel } from './components/sessions-panel';
import { TokensPanel } from './components/tokens-panel';
import { TwoFactorPanel } from './components/two-factor-panel';

function NameForm({ user }: { user: User | null }) {
  const save = useUpdateMe();
  const { t } = useTranslation('auth');
  const form = useBodyForm(
    updateMeBodySchema,
    { name: user?.name ?? '' },
    { name: { required: t('fields.enterName') } },
  );
  return (
    <form onSubmit={submitTo(form, save, () => notifySuccess(t('profile.nameSaved')))}>
      <Stack>
        <TextInput label={t('profile.name')} {...form.getInputProps('name')} />
        <FormSubmit mutation={save} form={form} w="fit-content">
          {t('profile.saveName')}
        </FormSubmit>
      </Stack>
    </form>
  );
}

/** The user's language, kept on the account (every device); none: the helpdesk's default. */
function LanguageForm({ user }: { user: User | null }) {
  const save = useUpdateMe();
  const settings = usePublicSettings();
  const { t } = useTranslation(['auth', 'common']);
  const form = useBodyForm(updateMeBodySchema, { locale: user?.locale ?? '' }, ({ locale }) => ({
    locale: isSupportedLanguage(locale) ? locale : null,
  }));
  const options = [
    { value: '', label: t('profile.languageDefault') },
    ...supportedLanguages.map((l) => ({ value: l, label: t(`common:languages.${l}`) })),
  ];
  return (
    <form
      onSubmit={submitTo(form, save, ({ user: saved }) => {
        // The account's choice wins over one made in this browser before.
        forgetBrowserChoice();
        const language = chooseLanguage({
          userLocale: saved.locale,
          helpdeskDefault: settings.data?.defaultLocale,
          browserLanguages: navigator.languages,
        });
        void setLanguage(language, false);
        notifySuccess(t('profile.languageSaved'));
      })}
    >
      <Stack>
        <Select
          label={t('profile.language')}
          description={t('profile.languageHint')}
          data={options}
          allowDeselect={false}
          w={{ base: '100%', sm: 440 }}
          {...form.getInputProps('locale')}
        />
        <FormSubmit mutation={save} form={form} w="fit-content">
          {t('profile.saveLanguage')}
        </FormSubmit>
      </Stack>
    </form>
  );
}

/** Staff: a notification for each new unassigned ticket in their departments; saved on change. */
function NewTicketsSwitch({ user }: { user: User }) {
  const save = useUpdateMe();
  const { t } = useTranslation('auth');
  return (
    <Switch
      label={t('profile.notifyNewUnassigned')}
      description={t('profile.notifyNewUnassignedHint')}
      checked={user.notifyNewUnassigned}
      disabled={save.isPending}
      onChange={(e) =>
        save.mutate(
          { notifyNewUnassigned: e.currentTarget.checked },
          { onSuccess: () => notifySuccess(t('profile.notifySaved')) },
        )
      }
    />
  );
}

function PasswordForm() {
  const save = useUpdateMe();
  const { t } = useTranslation('auth');
  const form = useBodyForm(
    updateMeBodySchema,
    { currentPassword: '', newPassword: '' },
    {
      currentPassword: { required: t('profile.enterCurrentPassword') },
      newPassword: { required: t('fields.enterPassword'), invalid: t('fields.passwordTooShort') },
    },
  );
  return (
    <form
      onSubmit={submitTo(form, save, () => {
        form.reset();
        notifySuccess(t('profile.passwordChanged'));
      })}
    >
      <Stack>
        <Title order={2} size="h4">
          {t('profile.changePassword')}
        </Title>
        <PasswordInput
          label={t('profile.currentPassword')}
          autoComplete="current-password"
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput
          label={t('profile.newPassword')}
          description={t('fields.newPasswordHint')}
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <FormSubmit mutation={save} form={form} w="fit-content">
          {t('profile.changePassword')}
        </FormSubmit>
      </Stack>
    </form>
  );
}

export default function ProfilePage() {
  const user = useUser();
  const { t } = useTranslation(['auth', 'common']);
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        {t('profile.title')}
      </Title>
      <Text c="dimmed">
        {user?.email} · {user && roleLabel(user.role.name)}
      </Text>
      <Paper withBorder p="md">
        <NameForm user={user} />
      </Paper>
      <Paper withBorder p="md">
        <LanguageForm user={user} />
      </Paper>
      {user && isStaff(user) && (
        <Paper withBorder p="md">
          <NewTicketsSwitch user={user} />
        </Paper>
      )}
      {user && <EmailPanel email={user.email} />}
      <MailPreferencesPanel />
      <Paper withBorder p="md">
        <PasswordForm />
      </Paper>
      <TwoFactorPanel />
      <SessionsPanel />
      <TokensPanel />
    </Stack>
  );
}
