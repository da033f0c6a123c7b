import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFollowers } from '../api/followers';

/** The ticket's followers, in the staff sidebar. */
export function FollowersPanel({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('followers');
  const followers = useFollowers(ticketId);
  if (!followers.data) return null;
  const list = followers.data.followers;
  return (
    <Paper withBorder p="sm" data-testid="followers-panel">
      <Stack gap={4}>
        <Title order={2} size="h5">
          {t('title')}
        </Title>
        {list.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('none')}
          </Text>
        ) : (
          list.map((f) => (
            <Text key={f.id} size="sm" className="user-text">
              {f.name}
            </Text>
          ))
        )}
        <Text size="xs" c="dimmed">
          {t('help')}
        </Text>
      </Stack>
    </Paper>
  );
}
