import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Names the current filters as a view of the agent's own. */
export function SaveViewModal({ onSave, onClose }: { onSave: (name: string) => void; onClose: () => void }) {
  const { t } = useTranslation('tickets');
  const [name, setName] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('queue.saveView.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSave(name);
        }}
      >
        <Stack>
          <TextInput
            label={t('queue.saveView.name')}
            data-autofocus
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button type="submit" disabled={!name.trim()}>
              {t('queue.saveView.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
