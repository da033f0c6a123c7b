import { Button, Spoiler, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Empty, ErrorState, Loading } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { request } from '../../lib/api-client';
import type { AuditEntry } from '../../lib/types';

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
  const audit = useInfiniteQuery({
    queryKey: ['admin', 'audit'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const res = await request<AuditEntry[]>('GET', '/api/audit', { query: { limit: 50, cursor: pageParam }, signal });
      return { items: res.data, next: res.meta?.nextCursor ?? null };
    },
    getNextPageParam: (p) => p.next ?? undefined,
  });
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={1} size="h2">
        Audit log
      </Title>
      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => audit.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="Nothing recorded yet" />
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Before</Table.Th>
                <Table.Th>After</Table.Th>
              </Table.Tr>
            </Table.Thead>
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
    </Stack>
  );
}
