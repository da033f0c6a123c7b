import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { originalUrl, useMailOriginals } from '../api/mail-originals';

/** The ticket's messages that came in by e-mail, each downloadable as .eml; hidden when there are none. */
export function MailOriginalsPanel({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation('mailin');
  const originals = useMailOriginals(ticketId);
  if (!originals.data?.length) return null;
  return (
    <Paper withBorder p="sm" data-testid="mail-originals-panel">
      <Stack gap={4}>
        <Title order={2} size="h5">
          {t('title')}
        </Title>
        {originals.data.map((m) => (
          <Text key={m.id} size="sm">
            <span className="user-text">{m.fromAddress}</span> {new Date(m.createdAt).toLocaleString(i18n.language)}{' '}
            <Anchor href={originalUrl(m.id)} download>
              {t('download')}
            </Anchor>
          </Text>
        ))}
        <Text size="xs" c="dimmed">
          {t('help')}
        </Text>
      </Stack>
    </Paper>
  );
}
