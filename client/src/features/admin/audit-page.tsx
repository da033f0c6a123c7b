import { Button, Spoiler, Stack, Table, Text, Title } from '@mantine/core';
import { Empty, QueryView } from '../../components/ui/states';
import { TableHead } from '../../components/ui/table-head';
import { TimeAgo } from '../../components/ui/time-ago';
import { useAuditLog } from './api/get-audit-log';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Text c="dimmed">—</Text>;
  return (
    <Spoiler maxHeight={48} showLabel="more" hideLabel="less">
      <Text component="pre" size="xs" ff="monospace" m={0} className="user-text">
        {JSON.stringify(value, null, 1)}
      </Text>
    </Spoiler>
  );
}

export default function AuditPage() {
  const audit = useAuditLog();
  return (
    <Stack>
      <Title order={1} size="h2">
        Audit log
      </Title>
      <QueryView query={audit} empty={<Empty title="Nothing recorded yet" />}>
        {(items) => (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="xs">
              <TableHead columns={['When', 'Who', 'What', 'Before', 'After']} />
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <TimeAgo value={a.createdAt} />
                    </Table.Td>
                    <Table.Td>{a.actor?.name ?? 'System'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.action}</Text>
                      {a.entityType && (
                        <Text size="xs" c="dimmed">
                          {a.entityType}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td maw={260}>
                      <Json value={a.before} />
                    </Table.Td>
                    <Table.Td maw={260}>
                      <Json value={a.after} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {audit.hasNextPage && (
              <Button variant="light" onClick={() => audit.fetchNextPage()}>
                Load more
              </Button>
            )}
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Stack>
  );
}
