import { ActionIcon, Button, Chip, Group } from '@mantine/core';
import type { TicketFilters } from '../api/list-tickets';
import type { SavedView } from '../saved-views';

/** The views as chips (the agent's own can be deleted), and saving the current filters as one. */
export function QueueViews({
  views,
  active,
  onShow,
  onDelete,
  onSaveCurrent,
}: {
  views: SavedView[];
  active: SavedView | undefined;
  onShow: (filters: TicketFilters) => void;
  onDelete: (id: string) => void;
  onSaveCurrent: () => void;
}) {
  return (
    <Group gap={6} role="group" aria-label="Views">
      {views.map((v) => (
        <Group key={v.id} gap={0} wrap="nowrap">
          <Chip checked={active?.id === v.id} onChange={() => onShow(v.filters)} size="xs" variant="light">
            {v.name}
          </Chip>
          {!v.builtIn && (
            <ActionIcon size="xs" variant="subtle" aria-label={`Delete view ${v.name}`} onClick={() => onDelete(v.id)}>
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      <Button size="compact-xs" variant="subtle" onClick={onSaveCurrent}>
        Save current filters
      </Button>
    </Group>
  );
}
