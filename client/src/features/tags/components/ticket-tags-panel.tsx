import type { Tag } from '@helpdesk/contract';
import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/ui/notify';
import { useUser } from '../../../lib/auth';
import { can } from '../../../lib/permissions';
import { useAddTicketTag } from '../api/add-ticket-tag';
import { useRemoveTicketTag } from '../api/remove-ticket-tag';
import { TagChip } from './tag-chip';
import { TagInput } from './tag-input';

/** The ticket page's tags (staff sidebar): chips, and adding or removing them with tickets.update. */
export function TicketTagsPanel({ ticketId, tags }: { ticketId: string; tags: Tag[] }) {
  const { t } = useTranslation('tags');
  const user = useUser();
  const editable = can(user, 'tickets.update');
  const add = useAddTicketTag(ticketId);
  const remove = useRemoveTicketTag(ticketId);
  return (
    <Paper withBorder p="sm" data-testid="ticket-tags">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('panel.title')}
        </Text>
        {tags.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('panel.none')}
          </Text>
        ) : (
          <Group gap={4}>
            {tags.map((tag) => (
              <TagChip
                key={tag.id}
                tag={tag}
                onRemove={editable ? () => remove.mutate(tag.id, { onError: notifyError }) : undefined}
              />
            ))}
          </Group>
        )}
        {editable && (
          <TagInput
            aria-label={t('panel.add')}
            placeholder={t('panel.addPlaceholder')}
            exclude={tags.map((tag) => tag.name)}
            // Stays enabled while a tag is saved, so that the next one can be typed at once.
            onSubmit={(name) => add.mutate({ name }, { onError: notifyError })}
          />
        )}
      </Stack>
    </Paper>
  );
}
