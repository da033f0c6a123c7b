import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';

/** Names the current filters as a view of the agent's own. */
export function SaveViewModal({ onSave, onClose }: { onSave: (name: string) => void; onClose: () => void }) {
  const [name, setName] = useState('');
  return (
    <Modal opened onClose={onClose} title="Save these filters as a view">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSave(name);
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            data-autofocus
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button type="submit" disabled={!name.trim()}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
