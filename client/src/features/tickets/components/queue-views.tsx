import { ActionIcon, Button, Chip, Group } from '@mantine/core';
import type { TicketFilters } from '../api/list-tickets';
import type { SavedView } from '../saved-views';

type BuiltInView = 'my-open' | 'unassigned' | 'all-open' | 'waiting' | 'recently-closed';

import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation('tickets');
  return (
    <Group gap={6} role="group" aria-label={t('queue.views')}>
      {views.map((v) => (
        <Group key={v.id} gap={0} wrap="nowrap">
          <Chip checked={active?.id === v.id} onChange={() => onShow(v.filters)} size="xs" variant="light">
            {v.builtIn ? t(`queue.builtInViews.${v.id as BuiltInView}`, { defaultValue: v.name }) : v.name}
          </Chip>
          {!v.builtIn && (
            <ActionIcon
              size="xs"
              variant="subtle"
              aria-label={t('queue.deleteView', { name: v.name })}
              onClick={() => onDelete(v.id)}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      <Button size="compact-xs" variant="subtle" onClick={onSaveCurrent}>
        {t('queue.saveCurrent')}
      </Button>
    </Group>
  );
}
