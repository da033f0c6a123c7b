import { normaliseTagName } from '@helpdesk/contract';
import { Autocomplete, Button, Group, Popover, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { useBulkTags } from '../api/bulk-tags';
import { useTagSuggestions } from './tag-input';

/** In the queue's bulk bar: add a tag to (or remove it from) every picked ticket, in one request. */
export function BulkTagButton({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation('tags');
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const bulk = useBulkTags();
  const suggestions = useTagSuggestions(name);
  const run = (change: 'add' | 'remove') => {
    const tag = normaliseTagName(name);
    if (!tag) return;
    bulk.mutate(
      { ticketIds: ids, add: change === 'add' ? [tag] : [], remove: change === 'remove' ? [tag] : [] },
      {
        onSuccess: (results) => {
          const failed = results.filter((r) => !r.ok).length;
          if (failed === 0) notifySuccess(t('bulk.done', { count: ids.length, name: tag }));
          else notifications.show({ color: 'orange', message: t('bulk.partly', { ok: ids.length - failed, failed }) });
          setOpened(false);
          setName('');
          onDone();
        },
        onError: notifyError,
      },
    );
  };
  return (
    <Popover opened={opened} onChange={setOpened} width={280} position="bottom-start" trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" onClick={() => setOpened((o) => !o)} data-testid="bulk-tags">
          {t('bulk.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Autocomplete
            size="xs"
            label={t('bulk.name')}
            maxLength={50}
            value={name}
            onChange={setName}
            data={suggestions}
            data-autofocus
          />
          <Group gap="xs">
            <Button size="xs" onClick={() => run('add')} loading={bulk.isPending} disabled={!normaliseTagName(name)}>
              {t('bulk.add')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => run('remove')}
              loading={bulk.isPending}
              disabled={!normaliseTagName(name)}
            >
              {t('bulk.remove')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
