import { Button, NumberInput, Paper, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorState, FormError, Loading } from '../../components/ui/states';
import { api, fieldErrors } from '../../lib/api-client';
import type { Settings } from '../../lib/types';
import { useAdminWrite } from './api';

const labels: Record<string, string> = {
  helpdeskName: 'Helpdesk name',
  selfSignup: 'Customers may create their own accounts',
  requireTwoFactorForStaff: 'Staff must use two-factor sign-in',
};

function label(key: string): string {
  return labels[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

export default function SettingsPage() {
  const settings = useQuery({
    queryKey: ['admin', 'settings'],
    queryFn: ({ signal }) => api.get<Settings>('/api/settings', undefined, signal),
  });
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />;
  return <SettingsForm initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<Settings>(initial);
  const save = useAdminWrite<Settings>(
    [['admin', 'settings']],
    (body) => ({ method: 'patch', path: '/api/settings', body }),
    'Settings saved',
  );
  const errors = fieldErrors(save.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    const changed = Object.fromEntries(Object.entries(form).filter(([k, v]) => v !== initial[k]));
    save.mutate(changed, { onSuccess: () => qc.invalidateQueries({ queryKey: ['settings-public'] }) });
  }
  const editable = Object.entries(form).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
  return (
    <Stack maw={560}>
      <Title order={1} size="h2">
        Settings
      </Title>
      <Paper withBorder p="md">
        <form onSubmit={submit}>
          <Stack>
            {editable.map(([key, value]) =>
              typeof value === 'boolean' ? (
                <Switch
                  key={key}
                  label={label(key)}
                  checked={value}
                  onChange={(e) => setForm({ ...form, [key]: e.currentTarget.checked })}
                  error={errors[key]}
                />
              ) : typeof value === 'number' ? (
                <NumberInput
                  key={key}
                  label={label(key)}
                  value={value}
                  onChange={(v) => setForm({ ...form, [key]: Number(v) })}
                  error={errors[key]}
                />
              ) : (
                <TextInput
                  key={key}
                  label={label(key)}
                  value={String(value)}
                  onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
                  error={errors[key]}
                />
              ),
            )}
            {Object.keys(errors).length === 0 && <FormError error={save.error} />}
            <Button type="submit" w="fit-content" loading={save.isPending}>
              Save settings
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
