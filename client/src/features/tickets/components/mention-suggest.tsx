import type { Mentionable } from '@helpdesk/contract';
import { Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The staff offered for the `@partial` being typed in a note; the composer moves `active` with the arrow keys. */
export function MentionSuggest({
  people,
  active,
  onPick,
}: {
  people: Mentionable[];
  active: number;
  onPick: (person: Mentionable) => void;
}) {
  const { t } = useTranslation('tickets');
  if (people.length === 0) return null;
  return (
    <Paper
      withBorder
      shadow="sm"
      p={4}
      role="listbox"
      aria-label={t('composer.mentionList')}
      data-testid="mention-list"
    >
      {people.map((p, i) => (
        <UnstyledButton
          key={p.id}
          role="option"
          aria-selected={i === active}
          display="block"
          w="100%"
          px="xs"
          py={4}
          style={{ borderRadius: 4, background: i === active ? 'var(--mantine-color-blue-light)' : undefined }}
          // Keeps the focus in the message box.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(p)}
        >
          <Text size="sm" span className="user-text">
            {p.name}
          </Text>{' '}
          <Text size="xs" c="dimmed" span>
            @{p.handle}
          </Text>
        </UnstyledButton>
      ))}
    </Paper>
  );
}
