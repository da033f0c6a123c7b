import {
  ActionIcon,
  Button,
  ColorInput,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ColorBadge } from '../../components/ui/color-badge';
import { EditDeleteButtons } from '../../components/ui/edit-delete-buttons';
import { ErrorState, FormError, Loading } from '../../components/ui/states';
import { fieldErrors } from '../../lib/api-client';
import { refKeys, usePriorities, useStatuses } from '../../lib/reference';
import type { Priority, Status } from '../../lib/types';
import { useAdminWrite } from './api';

type Kind = 'statuses' | 'priorities';
type Row = Partial<Status & Priority> & { id?: string; name: string; color: string; isDefault: boolean };

export default function StatusesPage() {
  const statuses = useStatuses();
  const priorities = usePriorities();
  const [editing, setEditing] = useState<{ kind: Kind; row: Row | null } | null>(null);
  const write = useAdminWrite<{ kind: Kind; id: string; body?: unknown; del?: boolean }>(
    [refKeys.statuses, refKeys.priorities],
    (v) =>
      v.del
        ? { method: 'delete', path: `/api/${v.kind}/${v.id}` }
        : { method: 'patch', path: `/api/${v.kind}/${v.id}`, body: v.body },
  );

  function move(list: Status[], index: number, delta: number) {
    const a = list[index];
    const b = list[index + delta];
    if (!a || !b) return;
    write.mutate({ kind: 'statuses', id: a.id, body: { sortOrder: b.sortOrder } });
    write.mutate({ kind: 'statuses', id: b.id, body: { sortOrder: a.sortOrder } });
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        Statuses and priorities
      </Title>
      <FormError error={write.error} />
      <Paper withBorder p="sm">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            Statuses
          </Title>
          <Button size="xs" onClick={() => setEditing({ kind: 'statuses', row: null })}>
            New status
          </Button>
        </Group>
        {statuses.isPending ? (
          <Loading />
        ) : statuses.isError ? (
          <ErrorState error={statuses.error} />
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Closed</Table.Th>
                  <Table.Th>Default</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {statuses.data.map((s, i) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          aria-label={`Move ${s.name} up`}
                          disabled={i === 0}
                          onClick={() => move(statuses.data, i, -1)}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          aria-label={`Move ${s.name} down`}
                          disabled={i === statuses.data.length - 1}
                          onClick={() => move(statuses.data, i, 1)}
                        >
                          ↓
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <ColorBadge color={s.color}>{s.name}</ColorBadge>
                    </Table.Td>
                    <Table.Td>{s.isClosed ? 'Yes' : 'No'}</Table.Td>
                    <Table.Td>{s.isDefault ? 'Default' : ''}</Table.Td>
                    <Table.Td>
                      <EditDeleteButtons
                        name={s.name}
                        onEdit={() => setEditing({ kind: 'statuses', row: s })}
                        onDelete={() => write.mutate({ kind: 'statuses', id: s.id, del: true })}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Paper withBorder p="sm">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            Priorities
          </Title>
          <Button size="xs" onClick={() => setEditing({ kind: 'priorities', row: null })}>
            New priority
          </Button>
        </Group>
        {priorities.isPending ? (
          <Loading />
        ) : priorities.isError ? (
          <ErrorState error={priorities.error} />
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Level</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>Default</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {priorities.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.level}</Table.Td>
                  <Table.Td>
                    <ColorBadge color={p.color}>{p.name}</ColorBadge>
                  </Table.Td>
                  <Table.Td>{p.isDefault ? 'Default' : ''}</Table.Td>
                  <Table.Td>
                    <EditDeleteButtons
                      name={p.name}
                      onEdit={() => setEditing({ kind: 'priorities', row: p })}
                      onDelete={() => write.mutate({ kind: 'priorities', id: p.id, del: true })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing && <RowForm kind={editing.kind} row={editing.row} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function RowForm({ kind, row, onClose }: { kind: Kind; row: Row | null; onClose: () => void }) {
  const [form, setForm] = useState<Row>(
    row ?? {
      name: '',
      color: '#228be6',
      isDefault: false,
      ...(kind === 'statuses' ? { isClosed: false } : { level: 2 }),
    },
  );
  const save = useAdminWrite<Row>(
    [refKeys.statuses, refKeys.priorities],
    (f) => {
      const body =
        kind === 'statuses'
          ? { name: f.name, color: f.color, isClosed: f.isClosed ?? false, isDefault: f.isDefault }
          : { name: f.name, color: f.color, level: f.level ?? 1, isDefault: f.isDefault };
      return row?.id
        ? { method: 'patch', path: `/api/${kind}/${row.id}`, body }
        : { method: 'post', path: `/api/${kind}`, body };
    },
    'Saved',
  );
  const errors = fieldErrors(save.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(form, { onSuccess: onClose });
  }
  const noun = kind === 'statuses' ? 'status' : 'priority';
  return (
    <Modal opened onClose={onClose} title={row ? `Edit ${row.name}` : `New ${noun}`}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
          />
          <ColorInput
            label="Colour"
            value={form.color}
            onChange={(color) => setForm({ ...form, color })}
            error={errors.color}
            format="hex"
          />
          {kind === 'statuses' ? (
            <Switch
              label="Tickets in this status are closed"
              checked={form.isClosed ?? false}
              onChange={(e) => setForm({ ...form, isClosed: e.currentTarget.checked })}
            />
          ) : (
            <NumberInput
              label="Level (higher is more urgent)"
              min={0}
              max={100}
              value={form.level}
              onChange={(v) => setForm({ ...form, level: Number(v) })}
              error={errors.level}
            />
          )}
          <Switch
            label={`Default ${noun}`}
            checked={form.isDefault}
            onChange={(e) => setForm({ ...form, isDefault: e.currentTarget.checked })}
          />
          {Object.keys(errors).length === 0 && <FormError error={save.error} />}
          <Text size="xs" c="dimmed">
            Exactly one {noun} is the default; choosing a new default replaces the old one.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
