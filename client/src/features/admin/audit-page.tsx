import { Button, Spoiler, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Empty, QueryView } from '../../components/ui/states';
import { TableHead } from '../../components/ui/table-head';
import { TimeAgo } from '../../components/ui/time-ago';
import { useAuditLog } from './api/get-audit-log';

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation('admin');
  if (value === null || value === undefined) return <Text c="dimmed">—</Text>;
  return (
    <Spoiler maxHeight={48} showLabel={t('audit.more')} hideLabel={t('audit.less')}>
      <Text component="pre" size="xs" ff="monospace" m={0} className="user-text">
        {JSON.stringify(value, null, 1)}
      </Text>
    </Spoiler>
  );
}

export default function AuditPage() {
  const audit = useAuditLog();
  const { t } = useTranslation('admin');
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('audit.title')}
      </Title>
      <QueryView query={audit} empty={<Empty title={t('audit.none')}>{t('audit.noneBody')}</Empty>}>
        {(items) => (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="xs">
              <TableHead
                columns={[
                  t('audit.columns.when'),
                  t('audit.columns.who'),
                  t('audit.columns.what'),
                  t('audit.columns.before'),
                  t('audit.columns.after'),
                ]}
              />
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <TimeAgo value={a.createdAt} />
                    </Table.Td>
                    <Table.Td>{a.actor?.name ?? t('audit.system')}</Table.Td>
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
                {t('common.loadMore')}
              </Button>
            )}
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Stack>
  );
}
