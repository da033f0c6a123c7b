import { type User, updateMeBodySchema } from '@helpdesk/contract';
import { Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormSubmit } from '../../components/ui/form-submit';
import { notifySuccess } from '../../components/ui/notify';
import { useUser } from '../../lib/auth';
import { submitTo, useBodyForm } from '../../lib/form';
import { useUpdateMe } from './api/update-me';
import { newPasswordHint } from './components/account-fields';
import { SessionsPanel } from './components/sessions-panel';
import { TokensPanel } from './components/tokens-panel';
import { TwoFactorPanel } from './components/two-factor-panel';

function NameForm({ user }: { user: User | null }) {
  const save = useUpdateMe();
  const form = useBodyForm(updateMeBodySchema, { name: user?.name ?? '' });
  return (
    <form onSubmit={submitTo(form, save, () => notifySuccess('Name saved'))}>
      <Stack>
        <TextInput label="Name" {...form.getInputProps('name')} />
        <FormSubmit mutation={save} form={form} w="fit-content">
          Save name
        </FormSubmit>
      </Stack>
    </form>
  );
}

function PasswordForm() {
  const save = useUpdateMe();
  const form = useBodyForm(updateMeBodySchema, { currentPassword: '', newPassword: '' });
  return (
    <form
      onSubmit={submitTo(form, save, () => {
        form.reset();
        notifySuccess('Password changed. Other sessions were signed out.');
      })}
    >
      <Stack>
        <Title order={2} size="h4">
          Change password
        </Title>
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput
          label="New password"
          description={newPasswordHint}
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <FormSubmit mutation={save} form={form} w="fit-content">
          Change password
        </FormSubmit>
      </Stack>
    </form>
  );
}

export default function ProfilePage() {
  const user = useUser();
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        Profile
      </Title>
      <Text c="dimmed">
        {user?.email} · {user?.role.name}
      </Text>
      <Paper withBorder p="md">
        <NameForm user={user} />
      </Paper>
      <Paper withBorder p="md">
        <PasswordForm />
      </Paper>
      <TwoFactorPanel />
      <SessionsPanel />
      <TokensPanel />
    </Stack>
  );
}
