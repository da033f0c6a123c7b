import type { MailPreferences } from '@helpdesk/contract';
import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/ui/notify';
import { useUser } from '../../../lib/auth';
import { isStaff } from '../../../lib/permissions';
import { useMailPreferences, useUpdateMailPreferences } from '../api/mail-preferences';

const customerKinds = ['ticketReceived', 'agentReply', 'ticketResolved'] as const;
const staffKinds = ['assigned', 'mentioned', 'customerReply', 'slaAlerts'] as const;

/** Profile: which e-mails I get, saved on change; shown only when the server sends mail. */
export function MailPreferencesPanel() {
  const user = useUser();
  const state = useMailPreferences();
  const save = useUpdateMailPreferences();
  const { t } = useTranslation('auth');
  if (!state.data?.mailConfigured) return null;
  const kinds: readonly (keyof MailPreferences)[] =
    user && isStaff(user) ? [...customerKinds, ...staffKinds] : customerKinds;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('mail.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('mail.hint')}
        </Text>
        {kinds.map((kind) => (
          <Switch
            key={kind}
            label={t(`mail.${kind}`)}
            checked={state.data.preferences[kind]}
            disabled={save.isPending}
            onChange={(e) =>
              save.mutate({ [kind]: e.currentTarget.checked }, { onSuccess: () => notifySuccess(t('mail.saved')) })
            }
          />
        ))}
      </Stack>
    </Paper>
  );
}
