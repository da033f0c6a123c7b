import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { diffTickets } from '../conflict';
import type { Conflict } from '../hooks/use-ticket-change';

/** What someone else changed meanwhile, the agent's own change, and the choice between them. */
export function ConflictView({
  conflict,
  describeChange,
  pending,
  onReapply,
  onKeepTheirs,
}: {
  conflict: Conflict;
  /** The attempted change in words, e.g. "High, Alan Agent". */
  describeChange: string;
  pending: boolean;
  onReapply: () => void;
  onKeepTheirs: () => void;
}) {
  return (
    <Alert color="orange" title="Someone else changed this ticket" data-testid="conflict-view">
      <Stack gap="xs">
        <Text size="sm">Your change was not saved because the ticket changed after you opened it.</Text>
        {conflict.current ? (
          <Table fz="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>You saw</Table.Th>
                <Table.Th>Now</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diffTickets(conflict.shown, conflict.current).map((c) => (
                <Table.Tr key={c.field}>
                  <Table.Td>{c.label}</Table.Td>
                  <Table.Td>{c.yours}</Table.Td>
                  <Table.Td fw={600}>{c.theirs}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        <Text size="sm">Your change: {describeChange}</Text>
        <Group gap="xs">
          <Button size="xs" disabled={!conflict.current} loading={pending} onClick={onReapply}>
            Re-apply my change
          </Button>
          <Button size="xs" variant="default" onClick={onKeepTheirs}>
            Keep theirs
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
