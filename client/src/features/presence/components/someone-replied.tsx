import { Alert, Button, Group, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useUser } from '../../../lib/auth';
import type { ComposerState } from '../../../lib/slots';
import { usePresence } from '../api/presence';
import { noteTyping } from '../typing';

/**
 * In the composer (staff): reports typing, and before sending asks when someone else's public
 * message arrived after the page was opened ("Bob replied 20 seconds ago": show it / send anyway).
 */
export function SomeoneReplied({ composer }: { composer: ComposerState }) {
  const { t } = useTranslation('presence');
  const user = useUser();
  const presence = usePresence(composer.ticketId);
  const last = presence.data?.lastPublicMessage ?? null;
  // A newer message the user chose to send over (or read) is not asked about again.
  const seen = useRef<string | null>(null);
  const [waiting, setWaiting] = useState<(() => void) | null>(null);

  const { text, kind } = composer;
  useEffect(() => {
    if (text) noteTyping(kind === 'note' ? 'typing-note' : 'typing-reply');
  }, [text, kind]);

  // Someone else's public message that the conversation on screen lacks (it arrived after the
  // ticket was read, also before this part's first presence read).
  const newer = last && last.id !== seen.current && last.author.id !== user?.id && !composer.shows(last.id);
  composer.hooks.current.confirmSend = (send) => {
    // Notes are not sent to the customer: no need to ask.
    if (newer && kind === 'reply') setWaiting(() => send);
    else send();
  };

  if (!waiting || !last) return null;
  const read = () => {
    seen.current = last.id;
    setWaiting(null);
  };
  return (
    <Alert
      color="orange"
      data-testid="someone-replied"
      // The body's text colour: orange on light orange is too faint to read (axe colour contrast).
      title={
        <Text span fw={700} size="sm" c="var(--mantine-color-text)">
          {t('replied.title')}
        </Text>
      }
    >
      {t('replied.text', { name: last.author.name })} <TimeAgo value={last.createdAt} />
      <Group mt="xs" gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            read();
            composer.showNewer();
          }}
        >
          {t('replied.show')}
        </Button>
        <Button
          size="xs"
          onClick={() => {
            read();
            waiting();
          }}
        >
          {t('replied.sendAnyway')}
        </Button>
      </Group>
    </Alert>
  );
}
