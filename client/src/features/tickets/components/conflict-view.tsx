import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('tickets');
  return (
    <Alert color="orange" title={t('conflict.title')} data-testid="conflict-view">
      <Stack gap="xs">
        <Text size="sm">{t('conflict.text')}</Text>
        {conflict.current ? (
          <Table fz="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conflict.field')}</Table.Th>
                <Table.Th>{t('conflict.yours')}</Table.Th>
                <Table.Th>{t('conflict.theirs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diffTickets(conflict.shown, conflict.current).map((c) => (
                <Table.Tr key={c.field}>
                  <Table.Td>{t(`conflict.fields.${c.field}`)}</Table.Td>
                  <Table.Td>{c.yours ?? t('details.unassigned')}</Table.Td>
                  <Table.Td fw={600}>{c.theirs ?? t('details.unassigned')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        <Text size="sm">{t('conflict.yourChange', { change: describeChange })}</Text>
        <Group gap="xs">
          <Button size="xs" disabled={!conflict.current} loading={pending} onClick={onReapply}>
            {t('conflict.reapply')}
          </Button>
          <Button size="xs" variant="default" onClick={onKeepTheirs}>
            {t('conflict.keepTheirs')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
