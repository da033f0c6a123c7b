import { Group, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { leave, POLL_MS, sendHeartbeat, usePresence } from '../api/presence';
import { currentState, onTypingStart } from '../typing';

/**
 * "Anna is viewing", "Bob is typing a reply" on a ticket page (issue 17): polls every 5 s and
 * sends this tab's heartbeat as often, at once when typing starts; leaving removes it.
 */
export function TicketPresence({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('presence');
  const presence = usePresence(ticketId);

  useEffect(() => {
    const beat = () => {
      sendHeartbeat(ticketId, currentState()).catch(() => undefined);
    };
    beat();
    onTypingStart(beat);
    const timer = setInterval(beat, POLL_MS);
    return () => {
      clearInterval(timer);
      onTypingStart(null);
      leave(ticketId).catch(() => undefined);
    };
  }, [ticketId]);

  const others = presence.data?.others ?? [];
  if (others.length === 0) return null;
  return (
    <Group gap="md" aria-live="polite" data-testid="presence">
      {others.map(({ user, state }) => (
        <Text key={user.id} size="sm" c="dimmed" className="user-text">
          {state === 'typing-reply'
            ? t('typingReply', { name: user.name })
            : state === 'typing-note'
              ? t('typingNote', { name: user.name })
              : t('viewing', { name: user.name })}
        </Text>
      ))}
    </Group>
  );
}
