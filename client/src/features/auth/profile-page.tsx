import { Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormError } from '../../components/ui/states';
import { api, fieldErrors } from '../../lib/api-client';
import { useSetUser, useUser } from '../../lib/auth';
import type { User } from '../../lib/types';
import { newPasswordHint } from './account-fields';
import { SessionsPanel, TokensPanel } from './security-panels';
import { TwoFactorPanel } from './two-factor';

export default function ProfilePage() {
  const user = useUser();
  const setUser = useSetUser();
  const [name, setName] = useState(user?.name ?? '');
  const [pw, setPw] = useState({ currentPassword: '', newPassword: '' });
  const save = useMutation({
    mutationFn: (body: Record<string, string>) => api.patch<{ user: User }>('/api/auth/me', body),
  });
  const errors = fieldErrors(save.error);

  function saveName(e: FormEvent) {
    e.preventDefault();
    save.mutate(
      { name },
      {
        onSuccess: (d) => {
          setUser(d.user);
          notifications.show({ message: 'Name saved', color: 'green' });
        },
      },
    );
  }
  function savePassword(e: FormEvent) {
    e.preventDefault();
    save.mutate(pw, {
      onSuccess: () => {
        setPw({ currentPassword: '', newPassword: '' });
        notifications.show({ message: 'Password changed. Other sessions were signed out.', color: 'green' });
      },
    });
  }
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        Profile
      </Title>
      <Text c="dimmed">
        {user?.email} · {user?.role.name}
      </Text>
      <Paper withBorder p="md">
        <form onSubmit={saveName}>
          <Stack>
            <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
            <Button type="submit" w="fit-content" loading={save.isPending}>
              Save name
            </Button>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="md">
        <form onSubmit={savePassword}>
          <Stack>
            <Title order={2} size="h4">
              Change password
            </Title>
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              value={pw.currentPassword}
              onChange={(e) => setPw({ ...pw, currentPassword: e.currentTarget.value })}
              error={errors.currentPassword}
            />
            <PasswordInput
              label="New password"
              description={newPasswordHint}
              autoComplete="new-password"
              value={pw.newPassword}
              onChange={(e) => setPw({ ...pw, newPassword: e.currentTarget.value })}
              error={errors.newPassword ?? errors.password}
            />
            <Button type="submit" w="fit-content" loading={save.isPending}>
              Change password
            </Button>
          </Stack>
        </form>
      </Paper>
      {Object.keys(errors).length === 0 && <FormError error={save.error} />}
      <TwoFactorPanel />
      <SessionsPanel />
      <TokensPanel />
    </Stack>
  );
}
